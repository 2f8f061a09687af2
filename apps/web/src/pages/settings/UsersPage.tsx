import { ROLES, type Role } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useMe } from "../../auth/session";
import { ActionError, ActionMessage } from "../../components/ActionFeedback";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { ListStateView } from "../../components/ListStateView";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import type { UserRow } from "../../lib/types";
import { useTRPC } from "../../trpc";
import { RequireRole } from "./SettingsLayout";

function CreateUserForm({ onDone }: { onDone: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
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
    create.mutate({ username: username.trim(), password, role });
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
      <div className="field">
        <label htmlFor="nu-pw">Initial password</label>
        <input
          id="nu-pw"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
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
      {create.error ? <ErrorView error={create.error} title="User not created" compact /> : null}
      {create.isSuccess ? (
        <p className="form-ok" role="status">
          User {create.data.username} created.
        </p>
      ) : null}
    </form>
  );
}

function ResetPassword({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [pw, setPw] = useState("");
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: () => {
        setPw("");
        setOpen(false);
        onDone();
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
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ id: user.id, password: pw });
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
      <button type="submit" className="btn-sm primary" disabled={reset.isPending || pw.length === 0}>
        Set
      </button>
      <button type="button" className="btn-sm" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {reset.error ? <ErrorView error={reset.error} compact /> : null}
    </form>
  );
}

function UsersTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useMe();
  const list = useQuery(trpc.users.list.queryOptions());
  const [message, setMessage] = useState<string | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSettled: invalidate }));
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
                      value={u.role}
                      disabled={self || setRole.isPending}
                      title={self ? "You cannot change your own role" : undefined}
                      onChange={(e) => setRole.mutate({ id: u.id, role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
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
                      <ResetPassword user={u} onDone={() => setMessage(`Password of ${u.username} reset.`)} />
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
