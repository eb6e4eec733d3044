/** A refused form: one French message per field, or a message for the whole form. */
export interface FormErrors {
  message: string;
  fields: Readonly<Record<string, string>>;
}

export function fieldErrorOf(errors: FormErrors | null | undefined, field: string): string | undefined {
  return errors?.fields[field];
}
