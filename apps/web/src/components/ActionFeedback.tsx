import { ErrorView } from "./StateView";

/** The parts of a TanStack mutation that ActionError reads. */
interface MutationLike {
  error: unknown;
  reset: () => void;
}

/** The error of whichever row action failed (the first that has one); dismissing it resets them all. */
export function ActionError({ title, mutations }: { title: string; mutations: readonly MutationLike[] }) {
  const error = mutations.find((m) => m.error)?.error;
  if (!error) return null;
  return (
    <ErrorView
      error={error}
      title={title}
      compact
      onDismiss={() => {
        for (const m of mutations) m.reset();
      }}
    />
  );
}

/** A confirmation line after an action, announced politely. */
export function ActionMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-ok" role="status">
      {message}
    </p>
  );
}

/** What is wrong with a form, found before it is sent; announced at once. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
