import type { ReactNode } from "react";

// The frame of the pages a person sees without a session: sign in, forgotten password, new password.
export function SessionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <p className="brand brand-large">Switchboard</p>
        <h1 className="sign-in-title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
