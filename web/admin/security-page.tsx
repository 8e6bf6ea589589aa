import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../api/query-keys.ts";
import { fetchSecuritySettings } from "../api/settings.api.ts";
import { LoadError } from "../components/load-error.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { SecuritySettingsForm } from "./security-settings-form.tsx";

export function SecurityPage() {
  useDocumentTitle("Security");
  const settings = useQuery({ queryKey: queryKeys.securitySettings, queryFn: fetchSecuritySettings });
  return (
    <>
      <h1 className="page-title">Security</h1>
      {settings.data ? (
        <SecuritySettingsForm settings={settings.data} />
      ) : settings.isError ? (
        <LoadError
          message="The security settings could not be loaded."
          onRetry={() => {
            void settings.refetch();
          }}
        />
      ) : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
