import { useEffect } from "react";

// Each page names itself, so tabs, history and screen readers say where the person is.
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
}
