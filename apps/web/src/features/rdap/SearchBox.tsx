import { RDAP_QUERY_TYPES } from "@netops/protocols/rdap";
import { type FormEvent, useEffect, useState } from "react";
import { FieldError } from "../../components/FieldError";
import type { UrlStateIssues, UrlStateRaw } from "../../lib/urlState";
import type { RdapParams } from "./params";

type Key = keyof RdapParams;

/** `aria-invalid` and the error's id for a field with something to say. */
const invalid = (k: Key, error: string | undefined) =>
  error ? { "aria-invalid": true as const, "aria-describedby": `rdap-${k}-error` } : {};

/**
 * The query and its type; a sort or field set the address got wrong gets a field of its own here
 * (the server's selectors appear only with an answer), so every bad value shows on its field.
 */
export function SearchBox({
  params,
  onSubmit,
  issues = {},
  raw = {},
}: {
  params: RdapParams;
  onSubmit: (p: RdapParams) => void;
  issues?: UrlStateIssues;
  raw?: UrlStateRaw;
}) {
  // A field the URL got wrong shows what the URL said, to be fixed, with the reason under it.
  const shown: RdapParams = {
    ...params,
    ...(raw.q !== undefined && { q: raw.q }),
    ...(raw.sort !== undefined && { sort: raw.sort }),
    ...(raw.fieldSet !== undefined && { fieldSet: raw.fieldSet }),
  };
  const [draft, setDraft] = useState(shown);
  const key = JSON.stringify(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for shown
  useEffect(() => setDraft(shown), [key]);
  // The URL's issue stays on a field until it is edited.
  const errorOf = (k: Key) => (draft[k] === shown[k] ? issues[k] : undefined);
  const badSort = issues.sort !== undefined;
  const badFieldSet = issues.fieldSet !== undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A new query starts with the server's default sort and field set, unless one is being fixed here.
    onSubmit({
      q: draft.q.trim(),
      type: draft.type,
      sort: badSort ? draft.sort.trim() : "",
      fieldSet: badFieldSet ? draft.fieldSet.trim() : "",
    });
  };
  const text = (k: "sort" | "fieldSet", label: string, placeholder: string) => (
    <div className="field inline">
      <label htmlFor={`rdap-${k}`}>{label}</label>
      <input
        id={`rdap-${k}`}
        value={draft[k]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
        {...invalid(k, errorOf(k))}
      />
      <FieldError id={`rdap-${k}-error`} message={errorOf(k)} />
    </div>
  );
  return (
    <form className="filters" onSubmit={submit} aria-label="RDAP search box">
      <div className="filters-row">
        <div className="field inline rdap-query">
          <label htmlFor="rdap-q">Query</label>
          <input
            id="rdap-q"
            type="search"
            placeholder="domain, IP, prefix, AS number, handle, or *.example"
            maxLength={255}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            {...invalid("q", errorOf("q"))}
          />
          <FieldError id="rdap-q-error" message={errorOf("q")} />
        </div>
        <div className="field inline">
          <label htmlFor="rdap-type">Type</label>
          <select
            id="rdap-type"
            value={draft.type}
            onChange={(e) => setDraft({ ...draft, type: e.target.value as RdapParams["type"] })}
            {...invalid("type", errorOf("type"))}
          >
            {RDAP_QUERY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === "auto" ? "recognise" : t}
              </option>
            ))}
          </select>
          <FieldError id="rdap-type-error" message={errorOf("type")} />
        </div>
        {badSort ? text("sort", "Sort", "registrationDate:d") : null}
        {badFieldSet ? text("fieldSet", "Field set", "brief") : null}
        <button type="submit">Look up</button>
      </div>
    </form>
  );
}
