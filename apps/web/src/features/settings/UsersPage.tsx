import { passwordProblem, ROLES, type Role } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useMe } from "../../auth/session";
import { ActionError, ActionMessage, FormError } from "../../components/ActionFeedback";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { ListStateView } from "../../components/ListStateView";
import { PasswordField } from "../../components/PasswordField";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import type { UserRow } from "./types";
import { useTRPC } from "../../trpc";
import { RequireRole } from "./SettingsLayout";

function CreateUserForm({ onDone }: { onDone: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        setUsername("");
        setPassword("");
        setRole("viewer");
        await onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.reset();
    // The cheap part of the rule here; the server also checks the list of common passwords.
    const problem = passwordProblem(password, { username: username.trim() });
    setLocalError(problem ? `Initial password: ${problem}` : null);
    if (!problem) create.mutate({ username: username.trim(), password, role });
  };
  return (
    <form className="card form row-form" onSubmit={submit} aria-labelledby="nu-h">
      <h2 id="nu-h">New user</h2>
      <div className="field">
        <label htmlFor="nu-name">Username</label>
        <input
          id="nu-name"
          autoComplete="off"
          autoCapitalize="none"
          required
          minLength={2}
          maxLength={64}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <PasswordField
        id="nu-pw"
        label="Initial password"
        autoComplete="new-password"
        minLength={12}
        value={password}
        onChange={setPassword}
      />
      <div className="field">
        <label htmlFor="nu-role">Role</label>
        <select id="nu-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={create.isPending || !username || !password}>
        {create.isPending ? "Creating…" : "Create user"}
      </button>
      <FormError message={localError} />
      {create.error ? <ErrorView error={create.error} title="User not created" compact /> : null}
      {create.isSuccess ? (
        <p className="form-ok" role="status">
          User {create.data.username} created.
        </p>
      ) : null}
    </form>
  );
}

/** What a reset or role change did, for the message after it. */
function endedText(r: { sessionsEnded: number; tokensRevoked: number }): string {
  const s = `${r.sessionsEnded} session${r.sessionsEnded === 1 ? "" : "s"} ended`;
  return r.tokensRevoked > 0
    ? `${s}, ${r.tokensRevoked} API token${r.tokensRevoked === 1 ? "" : "s"} revoked`
    : s;
}

/** The question a reset or role change asks: the user's sessions end anyway; their API tokens too? */
function RevokeTokensChoice({
  id,
  user,
  checked,
  onChange,
}: {
  id: string;
  user: UserRow;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="check small" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Also revoke the API tokens of {user.username}
    </label>
  );
}

function ResetPassword({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [pw, setPw] = useState("");
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const close = () => {
    setPw("");
    setRevokeTokens(false);
    setLocalError(null);
    setOpen(false);
  };
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: (r) => {
        close();
        onDone(`Password of ${user.username} reset; ${endedText(r)}.`);
      },
    }),
  );
  if (!open) {
    return (
      <button
        type="button"
        className="btn-sm"
        onClick={() => setOpen(true)}
        aria-label={`Reset password of ${user.username}`}
      >
        Reset password
      </button>
    );
  }
  const id = `rp-${user.id}`;
  return (
    <form
      className="inline-form"
      aria-label={`Reset password of ${user.username}`}
      onSubmit={(e) => {
        e.preventDefault();
        reset.reset();
        const problem = passwordProblem(pw, { username: user.username });
        setLocalError(problem ? `New password: ${problem}` : null);
        if (!problem) reset.mutate({ id: user.id, password: pw, revokeTokens });
      }}
    >
      <label htmlFor={id} className="sr-only">
        New password for {user.username}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        placeholder="new password (12+)"
        minLength={12}
        value={pw}
        onChange={(e) => setPw(e.target.value)}
      />
      <span className="small muted">Their sessions end.</span>
      <RevokeTokensChoice id={`${id}-revoke`} user={user} checked={revokeTokens} onChange={setRevokeTokens} />
      <button type="submit" className="btn-sm primary" disabled={reset.isPending || pw.length === 0}>
        Set
      </button>
      <button type="button" className="btn-sm" onClick={close}>
        Cancel
      </button>
      <FormError message={localError} />
      {reset.error ? <ErrorView error={reset.error} compact /> : null}
    </form>
  );
}

/** A role change asked before it is made: it ends the user's sessions, and may revoke their tokens. */
function ConfirmRoleChange({
  user,
  role,
  pending,
  onConfirm,
  onCancel,
}: {
  user: UserRow;
  role: Role;
  pending: boolean;
  onConfirm: (revokeTokens: boolean) => void;
  onCancel: () => void;
}) {
  const [revokeTokens, setRevokeTokens] = useState(false);
  return (
    <fieldset className="confirm">
      <legend className="small">
        Make {user.username} {role}? Their sessions end now.
      </legend>
      <RevokeTokensChoice
        id={`role-${user.id}-revoke`}
        user={user}
        checked={revokeTokens}
        onChange={setRevokeTokens}
      />{" "}
      <button
        type="button"
        className="btn-sm primary"
        disabled={pending}
        onClick={() => onConfirm(revokeTokens)}
      >
        Change role
      </button>{" "}
      <button type="button" className="btn-sm" onClick={onCancel}>
        Cancel
      </button>
    </fieldset>
  );
}

function UsersTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useMe();
  const list = useQuery(trpc.users.list.queryOptions());
  const [message, setMessage] = useState<string | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  // The role a row's select asks for, until the change is confirmed or cancelled.
  const [asked, setAsked] = useState<{ id: string; role: Role } | null>(null);
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSuccess: (u) => setMessage(`${u.username} is now ${u.role}; ${endedText(u)}.`),
      onSettled: async () => {
        setAsked(null);
        await invalidate();
      },
    }),
  );
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSettled: invalidate }));
  return (
    <>
      <CreateUserForm onDone={invalidate} />
      <ActionError title="Change not saved" mutations={[setRole, setDisabled]} />
      <ActionMessage message={message} />
      <ListStateView
        query={list}
        loadingLabel="Loading users…"
        errorTitle="Could not load users"
        emptyTitle="No users."
      >
        {(users) => (
          <DataTable columns={["Username", "Role", "Status", "Created", "Last login"]} actions>
            {users.map((u) => {
              const self = u.id === me?.id;
              return (
                <tr key={u.id} className={u.disabled ? "is-disabled" : undefined}>
                  <td>
                    {u.username}
                    {self ? <span className="muted small"> (you)</span> : null}
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`role-${u.id}`}>
                      Role of {u.username}
                    </label>
                    <select
                      id={`role-${u.id}`}
                      value={asked?.id === u.id ? asked.role : u.role}
                      disabled={self || setRole.isPending}
                      title={self ? "You cannot change your own role" : undefined}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        setAsked(role === u.role ? null : { id: u.id, role });
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    {asked?.id === u.id ? (
                      <ConfirmRoleChange
                        user={u}
                        role={asked.role}
                        pending={setRole.isPending}
                        onConfirm={(revokeTokens) =>
                          setRole.mutate({ id: u.id, role: asked.role, revokeTokens })
                        }
                        onCancel={() => setAsked(null)}
                      />
                    ) : null}
                  </td>
                  <td>
                    <span className={`chip ${u.disabled ? "bad" : "ok"}`}>
                      {u.disabled ? "disabled" : "active"}
                    </span>
                  </td>
                  <td>
                    <Time iso={u.createdAt} relative="only" />
                  </td>
                  <td>{u.lastLoginAt ? <Time iso={u.lastLoginAt} relative="only" /> : "never"}</td>
                  <td>
                    <div className="actions">
                      {self ? null : u.disabled ? (
                        <button
                          type="button"
                          className="btn-sm"
                          disabled={setDisabled.isPending}
                          onClick={() => setDisabled.mutate({ id: u.id, disabled: false })}
                        >
                          Enable
                        </button>
                      ) : (
                        <ConfirmButton
                          question={`Disable ${u.username}? Their sessions end now.`}
                          ariaLabel={`Disable ${u.username}`}
                          disabled={setDisabled.isPending}
                          onConfirm={() => setDisabled.mutate({ id: u.id, disabled: true })}
                        >
                          Disable
                        </ConfirmButton>
                      )}
                      <ResetPassword user={u} onDone={setMessage} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </ListStateView>
    </>
  );
}

export function UsersPage() {
  useTitle("Users");
  return (
    <section className="page">
      <h1>Users</h1>
      <RequireRole need="admin">
        <UsersTable />
      </RequireRole>
    </section>
  );
}
