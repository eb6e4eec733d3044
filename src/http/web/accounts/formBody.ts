/**
 * Reading urlencoded form bodies leniently: a missing or repeated field never throws, it becomes
 * an empty string (or the first value); the use cases then say what is wrong, in French.
 */
type FormBody = Record<string, string | string[] | undefined>;

function bodyOf(body: unknown): FormBody {
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

/** The field's value, cut at `max` characters (passwords are cut by the use cases). */
export function formText(body: unknown, name: string, max = 1024): string {
  const value = bodyOf(body)[name];
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === 'string' ? single.slice(0, max) : '';
}

/** Every value of a repeated field (checkboxes), at most `maxCount`. */
export function formList(body: unknown, name: string, maxCount = 20): string[] {
  const value = bodyOf(body)[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is string => typeof item === 'string').slice(0, maxCount).map((item) => item.slice(0, 100));
}

/** An optional whole number: empty is null, anything else that is not a number is NaN (the use case refuses it). */
export function formOptionalInteger(body: unknown, name: string): number | null {
  const text = formText(body, name, 20).trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
