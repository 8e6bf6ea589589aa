const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// A timestamp in the reader's locale, with the exact instant kept machine-readable.
export function DateTime({ value, fallback = "—" }: { value: string | null; fallback?: string }) {
  if (value === null) {
    return <span>{fallback}</span>;
  }
  return <time dateTime={value}>{formatter.format(new Date(value))}</time>;
}
