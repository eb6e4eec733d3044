/**
 * An operator-facing refusal or failure of a backup, restore or copy: the message is French,
 * says what was checked and what to do, and the command line prints it as is (exit code 1).
 */
export class OpsError extends Error {
  override name = 'OpsError';
}
