import type { ReactNode } from "react";
import { MODULE_LABELS, type Module } from "../../common/domain/modules.ts";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { useOwnModules } from "./use-own-modules.ts";

function ModuleOff({ module }: { module: Module }) {
  const label = MODULE_LABELS[module];
  useDocumentTitle(label);
  return (
    <>
      <h1 className="page-title">{label}</h1>
      <div className="empty-state">
        <p>{label} is turned off for you. Ask an administrator to turn it on.</p>
      </div>
    </>
  );
}

// A desktop page of a module: shown only while the module is on for the agent (the API refuses it too).
export function RequireModule({ module, children }: { module: Module; children: ReactNode }) {
  const modules = useOwnModules();
  if (!modules) {
    return <p role="status">Loading…</p>;
  }
  return modules[module] ? children : <ModuleOff module={module} />;
}
