/**
 * What is wrong with one field, under it. Give the input `aria-invalid` and
 * `aria-describedby={id}` so screen readers read the message with the field.
 */
export function FieldError({ id, message }: { id?: string; message: string | undefined | null }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {message}
    </span>
  );
}
