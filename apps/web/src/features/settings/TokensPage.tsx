import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useRole } from "../../auth/session";
import { ActionError } from "../../components/ActionFeedback";
import { ConfirmButton } from "../../components/ConfirmButton";
import { CopyButton } from "../../components/CopyButton";
import { DataTable } from "../../components/DataTable";
import { ListStateView } from "../../components/ListStateView";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import type { AnyUserTokenRow, CreatedToken, TokenRow } from "./types";
import { useTRPC } from "../../trpc";

const EXPIRY = [
  { value: "", label: "Never" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
];

function tokenStatus(t: TokenRow, now: number): { text: string; cls: string } {
  if (t.revokedAt) return { text: "revoked", cls: "bad" };
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return { text: "expired", cls: "muted-chip" };
  return { text: "active", cls: "ok" };
}

/** A token's cells from its name to its revoke action (the row, and an owner cell before them, are the caller's). */
function TokenCells({
  t,
  now,
  question,
  ariaLabel,
  revoking,
  onRevoke,
}: {
  t: TokenRow;
  now: number;
  question: string;
  ariaLabel: string;
  revoking: boolean;
  onRevoke: () => void;
}) {
  const st = tokenStatus(t, now);
  return (
    <>
      <td>{t.name}</td>
      <td>
        <code>{t.hint}</code>
      </td>
      <td>
        <span className={`chip ${st.cls}`}>{st.text}</span>
      </td>
      <td>
        <Time iso={t.createdAt} relative="only" />
      </td>
      <td>{t.lastUsedAt ? <Time iso={t.lastUsedAt} relative="only" /> : "never"}</td>
      <td>{t.expiresAt ? <Time iso={t.expiresAt} /> : "never"}</td>
      <td>
        {t.revokedAt ? (
          <span className="muted small">
            revoked <Time iso={t.revokedAt} relative="only" />
          </span>
        ) : (
          <ConfirmButton question={question} ariaLabel={ariaLabel} disabled={revoking} onConfirm={onRevoke}>
            Revoke
          </ConfirmButton>
        )}
      </td>
    </>
  );
}

/** Shows a new token once, with a copy button and a warning. */
export function NewTokenNotice({ created, onDismiss }: { created: CreatedToken; onDismiss: () => void }) {
  return (
    <div className="callout warn" role="status">
      <p>
        <strong>Copy your new token “{created.info.name}” now.</strong> It is shown only this once; the server
        keeps only a hash of it.
      </p>
      <p className="token-line">
        <code className="token">{created.token}</code> <CopyButton text={created.token} />
      </p>
      <p className="small muted">
        Use it as <code>Authorization: Bearer &lt;token&gt;</code>. It acts with your role.
      </p>
      <button type="button" className="btn-sm" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}

/** Every user's tokens, for admins: revoke one that should not be in use any more. */
function AllTokens({ onRevoked }: { onRevoked: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.tokens.listAll.queryOptions());
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSettled: async () => {
        await qc.invalidateQueries({ queryKey: trpc.tokens.listAll.queryKey() });
        await onRevoked();
      },
    }),
  );
  const now = Date.now();
  return (
    <section aria-labelledby="all-tok-h">
      <h2 id="all-tok-h">All users’ tokens</h2>
      <ActionError title="Could not revoke" mutations={[revoke]} />
      <ListStateView
        query={list}
        loadingLabel="Loading every user’s tokens…"
        errorTitle="Could not load every user’s tokens"
        emptyTitle="No user has an API token."
      >
        {(tokens: AnyUserTokenRow[]) => (
          <DataTable
            columns={["Owner", "Name", "Token", "Status", "Created", "Last used", "Expires"]}
            actions
          >
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.owner.username}
                  {t.owner.disabled ? <span className="muted small"> (disabled)</span> : null}
                </td>
                <TokenCells
                  t={t}
                  now={now}
                  question={`Revoke “${t.name}” of ${t.owner.username}? Their scripts using it stop working.`}
                  ariaLabel={`Revoke token ${t.name} of ${t.owner.username}`}
                  revoking={revoke.isPending}
                  onRevoke={() => revoke.mutate({ id: t.id })}
                />
              </tr>
            ))}
          </DataTable>
        )}
      </ListStateView>
    </section>
  );
}

export function TokensPage() {
  useTitle("API tokens");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.tokens.list.queryOptions());
  const isAdmin = useRole() === "admin";
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("90");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  // Both lists: an admin's own tokens are in the list of all tokens too.
  const invalidate = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.tokens.listAll.queryKey() }),
    ]);
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async (t) => {
        setCreated(t);
        setName("");
        await invalidate();
      },
    }),
  );
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSettled: invalidate }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), expiresInDays: expires ? Number(expires) : null });
  };
  const now = Date.now();
  return (
    <section className="page">
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let scripts call the API as you, with your role. Revoke any you no longer use.
      </p>
      {created ? <NewTokenNotice created={created} onDismiss={() => setCreated(null)} /> : null}
      <form className="card form row-form" onSubmit={submit} aria-labelledby="tok-h">
        <h2 id="tok-h">New token</h2>
        <div className="field">
          <label htmlFor="tok-name">Name</label>
          <input
            id="tok-name"
            maxLength={64}
            required
            placeholder="e.g. ci-deploy"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="tok-exp">Expires</label>
          <select id="tok-exp" value={expires} onChange={(e) => setExpires(e.target.value)}>
            {EXPIRY.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
        {create.error ? <ErrorView error={create.error} title="Token not created" compact /> : null}
      </form>
      <ActionError title="Could not revoke" mutations={[revoke]} />
      <ListStateView
        query={list}
        loadingLabel="Loading your tokens…"
        errorTitle="Could not load tokens"
        emptyTitle="You have no API tokens."
      >
        {(tokens) => (
          <DataTable columns={["Name", "Token", "Status", "Created", "Last used", "Expires"]} actions>
            {tokens.map((t) => (
              <tr key={t.id}>
                <TokenCells
                  t={t}
                  now={now}
                  question={`Revoke “${t.name}”? Scripts using it stop working.`}
                  ariaLabel={`Revoke token ${t.name}`}
                  revoking={revoke.isPending}
                  onRevoke={() => revoke.mutate({ id: t.id })}
                />
              </tr>
            ))}
          </DataTable>
        )}
      </ListStateView>
      {isAdmin ? (
        <AllTokens onRevoked={() => qc.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() })} />
      ) : null}
    </section>
  );
}
