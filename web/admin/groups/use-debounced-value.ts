import { useEffect, useState } from "react";

// A search typed letter by letter asks the server once the typing pauses.
export function useDebouncedValue<Value>(value: Value, delayMilliseconds = 250): Value {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMilliseconds);
    return () => clearTimeout(timer);
  }, [value, delayMilliseconds]);
  return debounced;
}
