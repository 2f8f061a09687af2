import { passwordProblem } from "@netops/protocols";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useMe } from "../../auth/session";
import { ActionMessage, FormError } from "../../components/ActionFeedback";
import { PasswordField } from "../../components/PasswordField";
import { ErrorView } from "../../components/StateView";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";

export function AccountPage() {
  useTitle("Account");
  const trpc = useTRPC();
  const me = useMe();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNext("");
        setRepeat("");
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    change.reset();
    // The cheap part of the rule here; the server also checks the list of common passwords.
    const problem = passwordProblem(next, { username: me?.username });
    if (problem) return setLocalError(`New password: ${problem}`);
    if (next !== repeat) return setLocalError("The two new passwords differ.");
    change.mutate({ current, next });
  };
  return (
    <section className="page">
      <h1>Account</h1>
      {me ? (
        <dl className="fields">
          <dt>Username</dt>
          <dd>{me.username}</dd>
          <dt>Role</dt>
          <dd>{me.role}</dd>
          <dt>Signed in with</dt>
          <dd>{me.via === "token" ? "an API token" : "a browser session"}</dd>
        </dl>
      ) : null}
      <form className="card form" onSubmit={submit} aria-labelledby="pw-h" noValidate>
        <h2 id="pw-h">Change password</h2>
        <PasswordField
          id="pw-current"
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
        />
        <PasswordField
          id="pw-next"
          label="New password"
          autoComplete="new-password"
          minLength={12}
          value={next}
          onChange={setNext}
          hint="At least 12 characters; a passphrase is fine. Common passwords and your username are refused."
        />
        <PasswordField
          id="pw-repeat"
          label="New password again"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
        />
        <FormError message={localError} />
        {change.error ? <ErrorView error={change.error} title="Password not changed" compact /> : null}
        <ActionMessage
          message={change.isSuccess ? "Password changed. Your other sessions have ended." : null}
        />
        <button type="submit" className="primary" disabled={change.isPending || !current || !next}>
          {change.isPending ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
