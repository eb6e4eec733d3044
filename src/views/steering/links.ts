/** The URLs of « Pilotage », keeping the chosen funder when the person steers several. */
import { adminHref, type AdminFrame as SteeringFrame } from '../admin/adminFrame.js';

export const steeringHref = adminHref;

export const groupHref = (frame: SteeringFrame, sessionId: string, rest = '') => steeringHref(frame, `/pilotage/groupes/${encodeURIComponent(sessionId)}${rest}`);

export const settingsHref = (frame: SteeringFrame, trainingId: string) => steeringHref(frame, `/pilotage/formations/${encodeURIComponent(trainingId)}/inscriptions`);

export const registrationActionHref = (frame: SteeringFrame, registrationId: string, verb: string) => steeringHref(frame, `/pilotage/inscriptions/${encodeURIComponent(registrationId)}/${verb}`);
