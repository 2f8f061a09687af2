import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { PasswordField } from "../components/PasswordField";
import { ThemeToggle } from "../components/ThemeToggle";
import { useNow } from "../hooks/useNow";
import { useTitle } from "../hooks/useTitle";
import { errorInfo } from "../lib/errors";
import { safeNext } from "../lib/redirect";
import { formatDuration, retryAfterSeconds } from "../lib/time";
import { useTRPC } from "../trpc";
import "./login.css";

/** Turns a login failure into a sentence (the server's message is kept). */
export function loginErrorText(error: unknown, secondsLeft: number | null): string {
  const info = errorInfo(error);
  switch (info.code) {
    case "UNAUTHORIZED":
      return "Wrong username or password.";
    case "TOO_MANY_REQUESTS":
      return secondsLeft !== null && secondsLeft > 0
        ? `Too many failed logins. Try again in ${formatDuration(secondsLeft * 1000)}.`
        : secondsLeft === 0
          ? "Too many failed logins. You can try again now."
          : `Too many failed logins: ${info.message}`;
    case "BAD_REQUEST":
      return `Check the form: ${info.message}`;
    default:
      return info.message;
  }
}

export function LoginPage() {
  useTitle("Log in");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const now = useNow(1000);

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => {
        // Nothing cached from an earlier session may leak into this one.
        qc.clear();
        navigate(next, { replace: true });
      },
      onError: (e) => {
        const info = errorInfo(e);
        const s = info.code === "TOO_MANY_REQUESTS" ? retryAfterSeconds(info.message) : null;
        setBlockedUntil(s !== null ? Date.now() + s * 1000 : null);
        setPassword("");
      },
    }),
  );

  const secondsLeft = blockedUntil !== null ? Math.max(0, Math.ceil((blockedUntil - now) / 1000)) : null;
  const blocked = secondsLeft !== null && secondsLeft > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password || blocked) return;
    login.mutate({ username: username.trim(), password });
  };

  return (
    <div className="login-page">
      <div className="login-theme">
        <ThemeToggle />
      </div>
      <main id="main" className="login-card">
        <h1>NetOps Console</h1>
        <p className="muted">
          Log in to continue
          {next !== "/" ? (
            <>
              {" "}
              to <code>{next}</code>
            </>
          ) : null}
          .
        </p>
        <form onSubmit={submit} noValidate aria-describedby={login.error ? "login-error" : undefined}>
          <div className="field">
            <label htmlFor="login-username">Username</label>
            <input
              id="login-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <PasswordField
            id="login-password"
            label="Password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
          {login.error ? (
            <p id="login-error" className="form-error" role="alert">
              {loginErrorText(login.error, secondsLeft)}
            </p>
          ) : null}
          <button
            type="submit"
            className="primary wide"
            disabled={login.isPending || blocked || !username || !password}
          >
            {login.isPending ? "Logging in…" : "Log in"}
          </button>
        </form>
      </main>
    </div>
  );
}
