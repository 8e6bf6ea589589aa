import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiToken, CreatedApiToken } from "../../common/api/auth.ts";
import { listApiTokens } from "../api/api-tokens.api.ts";
import { queryKeys } from "../api/query-keys.ts";
import { LoadError } from "../components/load-error.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { CreateTokenForm } from "./create-token-form.tsx";
import { CreatedTokenNotice } from "./created-token-notice.tsx";
import { RevokeTokenDialog } from "./revoke-token-dialog.tsx";
import { TokenTable } from "./token-table.tsx";

// The signed-in person's own API tokens; the same page in the console and in the desktop.
export function ApiTokensPage() {
  useDocumentTitle("API tokens");
  const tokens = useQuery({ queryKey: queryKeys.apiTokens, queryFn: listApiTokens });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [tokenToRevoke, setTokenToRevoke] = useState<ApiToken | null>(null);

  return (
    <>
      <h1 className="page-title">API tokens</h1>
      <p className="page-intro">
        A token lets a script or an integration call the API as you, with your role. Revoke any token you no
        longer use.
      </p>
      {created ? <CreatedTokenNotice created={created} onDismiss={() => setCreated(null)} /> : null}
      <section className="card" aria-labelledby="create-token-title">
        <h2 className="card-title" id="create-token-title">
          New token
        </h2>
        <CreateTokenForm onCreated={setCreated} />
      </section>
      <section className="section" aria-labelledby="token-list-title">
        <h2 className="section-title" id="token-list-title">
          Your tokens
        </h2>
        {tokens.data ? (
          <TokenTable tokens={tokens.data} onRevoke={setTokenToRevoke} />
        ) : tokens.isError ? (
          <LoadError
            message="Your tokens could not be loaded."
            onRetry={() => {
              void tokens.refetch();
            }}
          />
        ) : (
          <p role="status">Loading…</p>
        )}
      </section>
      <RevokeTokenDialog token={tokenToRevoke} onClose={() => setTokenToRevoke(null)} />
    </>
  );
}
