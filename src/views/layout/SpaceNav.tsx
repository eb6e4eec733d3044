/**
 * The side navigation of a signed-in space (Administration, Pilotage, Espace employeur): its
 * sections, and a switch for people who act for several organisations (a GET form that keeps
 * them on a section's first page: a record of one organisation is not another's).
 */
export interface SpaceSection {
  href: string;
  label: string;
  current: boolean;
}

export interface OrganisationSwitch {
  /** Where the form leads, e.g. the current section's first page. */
  action: string;
  /** Query parameter naming the organisation, e.g. "financeur". */
  name: string;
  /** The select's id, unique in the page. */
  id: string;
  label: string;
  options: ReadonlyArray<{ id: string; name: string }>;
  selected: string;
}

export function SpaceNav({ label, sections, switcher }: { label: string; sections: readonly SpaceSection[]; switcher?: OrganisationSwitch }) {
  return (
    <div class="admin-nav">
      <nav aria-label={label}>
        <ul class="admin-nav__list">
          {sections.map((section) => (
            <li key={section.href}>
              <a href={section.href} aria-current={section.current ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {switcher && switcher.options.length > 1 ? (
        <form method="get" action={switcher.action} class="admin-nav__funder">
          <label for={switcher.id}>{switcher.label}</label>
          <select id={switcher.id} name={switcher.name}>
            {switcher.options.map((option) => (
              <option key={option.id} value={option.id} selected={option.id === switcher.selected}>
                {option.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button">
            Changer
          </button>
        </form>
      ) : null}
    </div>
  );
}
