/**
 * French words the generated catalogue is made of: real cities with their postcode and INSEE
 * region code, and the vocabulary of social and medico-social training, so that searches and
 * filters meet data shaped like the real offer.
 */

/** [city, postcode, region code]: 200 communes over the 18 regions. */
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  // Auvergne-Rhône-Alpes
  ['Lyon', '69003', '84'], ['Villeurbanne', '69100', '84'], ['Saint-Étienne', '42000', '84'], ['Grenoble', '38000', '84'],
  ['Clermont-Ferrand', '63000', '84'], ['Annecy', '74000', '84'], ['Chambéry', '73000', '84'], ['Valence', '26000', '84'],
  ['Bourg-en-Bresse', '01000', '84'], ['Roanne', '42300', '84'], ['Vienne', '38200', '84'], ['Montluçon', '03100', '84'],
  ['Aurillac', '15000', '84'], ['Le Puy-en-Velay', '43000', '84'], ['Annemasse', '74100', '84'], ['Vichy', '03200', '84'],
  ['Privas', '07000', '84'], ['Moulins', '03000', '84'],
  // Bourgogne-Franche-Comté
  ['Dijon', '21000', '27'], ['Besançon', '25000', '27'], ['Belfort', '90000', '27'], ['Chalon-sur-Saône', '71100', '27'],
  ['Auxerre', '89000', '27'], ['Mâcon', '71000', '27'], ['Nevers', '58000', '27'], ['Montbéliard', '25200', '27'],
  ['Dole', '39100', '27'], ['Sens', '89100', '27'], ['Vesoul', '70000', '27'], ['Lons-le-Saunier', '39000', '27'],
  // Bretagne
  ['Rennes', '35000', '53'], ['Brest', '29200', '53'], ['Quimper', '29000', '53'], ['Lorient', '56100', '53'],
  ['Vannes', '56000', '53'], ['Saint-Malo', '35400', '53'], ['Saint-Brieuc', '22000', '53'], ['Lannion', '22300', '53'],
  ['Fougères', '35300', '53'], ['Morlaix', '29600', '53'], ['Pontivy', '56300', '53'], ['Concarneau', '29900', '53'],
  // Centre-Val de Loire
  ['Tours', '37000', '24'], ['Orléans', '45000', '24'], ['Bourges', '18000', '24'], ['Blois', '41000', '24'],
  ['Chartres', '28000', '24'], ['Châteauroux', '36000', '24'], ['Dreux', '28100', '24'], ['Vierzon', '18100', '24'],
  ['Montargis', '45200', '24'], ['Joué-lès-Tours', '37300', '24'],
  // Corse
  ['Ajaccio', '20000', '94'], ['Bastia', '20200', '94'], ['Porto-Vecchio', '20137', '94'], ['Corte', '20250', '94'],
  // Grand Est
  ['Strasbourg', '67000', '44'], ['Reims', '51100', '44'], ['Metz', '57000', '44'], ['Mulhouse', '68100', '44'],
  ['Nancy', '54000', '44'], ['Colmar', '68000', '44'], ['Troyes', '10000', '44'], ['Charleville-Mézières', '08000', '44'],
  ['Châlons-en-Champagne', '51000', '44'], ['Épinal', '88000', '44'], ['Thionville', '57100', '44'], ['Haguenau', '67500', '44'],
  ['Saint-Dizier', '52100', '44'], ['Chaumont', '52000', '44'], ['Forbach', '57600', '44'], ['Bar-le-Duc', '55000', '44'],
  // Hauts-de-France
  ['Lille', '59000', '32'], ['Amiens', '80000', '32'], ['Roubaix', '59100', '32'], ['Tourcoing', '59200', '32'],
  ['Dunkerque', '59140', '32'], ['Calais', '62100', '32'], ['Villeneuve-d’Ascq', '59650', '32'], ['Saint-Quentin', '02100', '32'],
  ['Beauvais', '60000', '32'], ['Arras', '62000', '32'], ['Valenciennes', '59300', '32'], ['Boulogne-sur-Mer', '62200', '32'],
  ['Douai', '59500', '32'], ['Compiègne', '60200', '32'], ['Lens', '62300', '32'], ['Maubeuge', '59600', '32'],
  ['Cambrai', '59400', '32'], ['Laon', '02000', '32'], ['Soissons', '02200', '32'], ['Creil', '60100', '32'],
  // Île-de-France
  ['Paris', '75010', '11'], ['Boulogne-Billancourt', '92100', '11'], ['Saint-Denis', '93200', '11'], ['Argenteuil', '95100', '11'],
  ['Montreuil', '93100', '11'], ['Créteil', '94000', '11'], ['Nanterre', '92000', '11'], ['Versailles', '78000', '11'],
  ['Vitry-sur-Seine', '94400', '11'], ['Aubervilliers', '93300', '11'], ['Évry-Courcouronnes', '91000', '11'], ['Cergy', '95000', '11'],
  ['Melun', '77000', '11'], ['Meaux', '77100', '11'], ['Mantes-la-Jolie', '78200', '11'], ['Aulnay-sous-Bois', '93600', '11'],
  ['Champigny-sur-Marne', '94500', '11'], ['Colombes', '92700', '11'],
  // Normandie
  ['Rouen', '76000', '28'], ['Le Havre', '76600', '28'], ['Caen', '14000', '28'], ['Cherbourg-en-Cotentin', '50100', '28'],
  ['Évreux', '27000', '28'], ['Dieppe', '76200', '28'], ['Saint-Lô', '50000', '28'], ['Alençon', '61000', '28'],
  ['Lisieux', '14100', '28'], ['Vernon', '27200', '28'], ['Fécamp', '76400', '28'], ['Argentan', '61200', '28'],
  // Nouvelle-Aquitaine
  ['Bordeaux', '33000', '75'], ['Limoges', '87000', '75'], ['Poitiers', '86000', '75'], ['Pau', '64000', '75'],
  ['La Rochelle', '17000', '75'], ['Mérignac', '33700', '75'], ['Pessac', '33600', '75'], ['Bayonne', '64100', '75'],
  ['Angoulême', '16000', '75'], ['Niort', '79000', '75'], ['Périgueux', '24000', '75'], ['Agen', '47000', '75'],
  ['Mont-de-Marsan', '40000', '75'], ['Brive-la-Gaillarde', '19100', '75'], ['Châtellerault', '86100', '75'], ['Guéret', '23000', '75'],
  ['Tulle', '19000', '75'], ['Bergerac', '24100', '75'],
  // Occitanie
  ['Toulouse', '31000', '76'], ['Montpellier', '34000', '76'], ['Nîmes', '30000', '76'], ['Perpignan', '66000', '76'],
  ['Béziers', '34500', '76'], ['Narbonne', '11100', '76'], ['Carcassonne', '11000', '76'], ['Albi', '81000', '76'],
  ['Tarbes', '65000', '76'], ['Sète', '34200', '76'], ['Alès', '30100', '76'], ['Castres', '81100', '76'],
  ['Montauban', '82000', '76'], ['Rodez', '12000', '76'], ['Cahors', '46000', '76'], ['Auch', '32000', '76'],
  ['Foix', '09000', '76'], ['Mende', '48000', '76'],
  // Pays de la Loire
  ['Nantes', '44000', '52'], ['Angers', '49000', '52'], ['Le Mans', '72000', '52'], ['Saint-Nazaire', '44600', '52'],
  ['Cholet', '49300', '52'], ['La Roche-sur-Yon', '85000', '52'], ['Laval', '53000', '52'], ['Saumur', '49400', '52'],
  ['Rezé', '44400', '52'], ['Les Sables-d’Olonne', '85100', '52'], ['Château-Gontier-sur-Mayenne', '53200', '52'],
  // Provence-Alpes-Côte d’Azur
  ['Marseille', '13001', '93'], ['Nice', '06000', '93'], ['Toulon', '83000', '93'], ['Aix-en-Provence', '13100', '93'],
  ['Avignon', '84000', '93'], ['Antibes', '06600', '93'], ['Cannes', '06400', '93'], ['La Seyne-sur-Mer', '83500', '93'],
  ['Hyères', '83400', '93'], ['Arles', '13200', '93'], ['Fréjus', '83600', '93'], ['Gap', '05000', '93'],
  ['Digne-les-Bains', '04000', '93'], ['Martigues', '13500', '93'], ['Aubagne', '13400', '93'], ['Salon-de-Provence', '13300', '93'],
  // Outre-mer
  ['Pointe-à-Pitre', '97110', '01'], ['Les Abymes', '97139', '01'], ['Basse-Terre', '97100', '01'],
  ['Fort-de-France', '97200', '02'], ['Le Lamentin', '97232', '02'], ['Schœlcher', '97233', '02'],
  ['Cayenne', '97300', '03'], ['Kourou', '97310', '03'], ['Saint-Laurent-du-Maroni', '97320', '03'],
  ['Saint-Denis', '97400', '04'], ['Saint-Pierre', '97410', '04'], ['Saint-Paul', '97460', '04'], ['Le Tampon', '97430', '04'],
  ['Mamoudzou', '97600', '06'], ['Dzaoudzi', '97615', '06'],
];

export const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'boulevard Victor-Hugo', 'rue Pasteur', 'place de la Mairie', 'rue des Écoles',
  'avenue de la Gare', 'rue du Général-de-Gaulle', 'rue Jules-Ferry', 'allée des Tilleuls', 'rue de la Solidarité',
  'chemin des Vignes', 'quai de la Loire', 'rue Louise-Michel', 'avenue Simone-Veil', 'rue Aimé-Césaire',
];

export const VENUES = [
  'Maison des associations', 'Centre social', 'Espace formation', 'Maison de la solidarité', 'Salle polyvalente',
  'Institut régional du travail social', 'Pôle ressources', 'Maison France services', 'Foyer de jeunes travailleurs',
];

export const THEMES = [
  'Stratégie nationale de prévention et de lutte contre la pauvreté',
  'Accompagnement du grand âge',
  'Protection de l’enfance',
  'Handicap et inclusion',
  'Santé mentale',
  'Insertion sociale et professionnelle',
  'Qualité de vie au travail',
  'Petite enfance et parentalité',
  'Prévention et promotion de la santé',
  'Management et encadrement',
  'Numérique en action sociale',
  'Droits des personnes accompagnées',
];

export const SECTORS = [
  'Social', 'Médico-social', 'Sanitaire', 'Petite enfance', 'Aide à domicile', 'Insertion', 'Protection de l’enfance',
  'Handicap', 'Personnes âgées', 'Hébergement et logement',
];

export const PROVIDERS = [
  'APSN', 'IRTS Hauts-de-France', 'Formation & Territoires', 'Institut du Travail Social Pierre-Bourdieu', 'Ateliers de la Solidarité',
  'CREAI Bretagne', 'Coopérative Former Ensemble', 'Alternatives Formation', 'Arifts Pays de la Loire', 'Buc Ressources',
  'ETSUP Formation continue', 'Institut Saint-Simon', 'Mouvement pour l’accompagnement', 'Epsilon Melia', 'IFTS Échirolles',
  'Askoria', 'ITS Tours', 'Erasme Formation', 'Faire Ensemble Conseil', 'Horizon Compétences', 'Inter Formation Santé',
  'Les Clés de l’accompagnement', 'Parcours & Coopération', 'Passerelles Formation', 'Pluriels Conseil', 'Prisme Formation',
  'Quartiers Solidaires Formation', 'Réseau Santé Précarité', 'Sésame Autisme Formation', 'Trajectoires Formation',
  'Union régionale des centres sociaux', 'Vivre Ensemble Formation', 'Cap Emploi Formation', 'Grand Âge Compétences',
  'Institut de formation Santé Social', 'Médiation Nomade', 'Ressources Parentalité', 'Savoirs Partagés', 'Terrains d’Entente',
  'Unis-Cité Formation',
];

export const COFUNDERS = ['DGCS', 'Conseil départemental', 'Fonds social européen', 'Agence régionale de santé', 'CNSA'];

/** Subjects of a training; the first ones carry the words people search for. */
export const SUBJECTS = [
  'L’aller vers les publics éloignés',
  'Accueil et écoute active',
  'Prévention des risques psychosociaux',
  'Accompagnement de la fin de vie',
  'Bientraitance en établissement',
  'Gestion des situations de violence',
  'Travail en équipe pluridisciplinaire',
  'Écrits professionnels',
  'Éthique et déontologie',
  'Numérique et inclusion',
  'Parentalité et soutien aux familles',
  'Protection de l’enfance : repérer et agir',
  'Accompagnement des personnes âgées',
  'Troubles du spectre de l’autisme',
  'Handicap psychique',
  'Addictions et réduction des risques',
  'Premiers secours en santé mentale',
  'Médiation sociale',
  'Développement du pouvoir d’agir',
  'Participation des personnes accompagnées',
  'Laïcité et valeurs de la République',
  'Lutte contre la pauvreté',
  'Accès aux droits',
  'Logement d’abord',
  'Insertion professionnelle des jeunes',
  'Accueil du jeune enfant',
  'Communication non violente',
  'Gestion des conflits',
  'Animation de réunions',
  'Tutorat et accueil des stagiaires',
  'Management de proximité',
  'Conduite de projet',
  'Démarche qualité',
  'Prévention des chutes',
  'Nutrition et dénutrition',
  'Soins palliatifs',
  'Hygiène et prévention des infections',
  'Manutention des personnes',
  'Violences conjugales : repérer et orienter',
  'Interculturalité',
  'Mineurs non accompagnés',
  'Accompagnement budgétaire',
  'Lutte contre l’illettrisme',
  'Coordination de parcours',
  'Partenariat et travail en réseau',
  'Analyse des pratiques professionnelles',
  'Secret professionnel et partage d’informations',
  'Droits des usagers',
  'Vie affective et sexualité',
  'Maladie d’Alzheimer et troubles apparentés',
];

export const ANGLES = [
  'les fondamentaux', 'approfondissement', 'outils et méthodes', 'posture professionnelle', 'cadre juridique', 'mises en situation',
  'repères pour la pratique', 'de la théorie à la pratique', 'initiation', 'perfectionnement', 'construire une démarche collective',
  'agir en proximité', 'sensibilisation', 'renforcer ses compétences', 'accompagner le changement', 'coopérer avec les familles',
  'travailler avec les bénévoles', 'en milieu rural', 'en quartier prioritaire', 'auprès des jeunes', 'auprès des seniors',
  'en établissement', 'à domicile', 'en équipe mobile',
];

export const MODULE_TITLES = ['Comprendre les enjeux', 'Agir sur le terrain', 'Évaluer et transmettre', 'Ancrer les pratiques'];

export const CONCEPTS = [
  'les besoins des personnes accompagnées', 'le cadre réglementaire', 'les dispositifs de droit commun', 'les ressources du territoire',
  'les mécanismes de l’exclusion', 'les signes de souffrance psychique', 'les situations de non-recours', 'le projet personnalisé',
  'la relation d’aide', 'les représentations professionnelles', 'la dynamique de groupe', 'les facteurs de risque',
  'les attentes des familles', 'les outils de la loi 2002-2', 'le partage d’informations', 'les freins à l’accès aux soins',
];

export const PUBLICS = [
  'personnes en situation de précarité', 'jeunes sortant de l’aide sociale à l’enfance', 'personnes âgées isolées', 'familles monoparentales',
  'personnes sans domicile', 'personnes en situation de handicap', 'demandeurs d’asile', 'habitants des quartiers prioritaires',
  'aidants familiaux', 'jeunes enfants et leurs parents',
];

export const ACTIONS = [
  'repérer les situations à risque', 'construire une relation de confiance', 'orienter vers les bons partenaires', 'adapter sa communication',
  'co-construire le projet d’accompagnement', 'prévenir l’épuisement professionnel', 'animer un atelier collectif', 'rédiger des écrits clairs',
  'mobiliser le réseau partenarial', 'évaluer les effets de l’accompagnement', 'sécuriser les parcours', 'favoriser l’autonomie',
];

export const PROFESSIONS = [
  'travailleurs sociaux', 'éducateurs spécialisés', 'conseillers en économie sociale et familiale', 'aides-soignants', 'infirmiers',
  'accompagnants éducatifs et sociaux', 'auxiliaires de vie', 'moniteurs-éducateurs', 'animateurs', 'personnels d’encadrement',
  'assistants de service social', 'médiateurs',
];

export const METHODS = [
  'Apports théoriques illustrés', 'Études de cas issus de la pratique', 'Mises en situation et jeux de rôle', 'Échanges de pratiques entre participants',
  'Travail en sous-groupes', 'Analyse de vidéos', 'Quiz d’auto-évaluation', 'Construction d’outils transférables',
];
