/** A success message after an action (role="status": read out without moving the focus). */
export function Notice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="admin-notice" role="status">
      <p>{message}</p>
    </div>
  );
}
