// The status icon (head and shoulders) and the bell that replaces it while a coaching message is unread
// (seed 001). Decorative: the button around them carries the words.

export function PersonIcon() {
  return (
    <svg className="status-menu-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="4" fill="currentColor" />
      <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" fill="currentColor" />
    </svg>
  );
}

export function BellIcon() {
  return (
    <svg className="status-menu-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" data-icon="bell">
      <path d="M12 3a6 6 0 0 0-6 6v4l-2 3v1h16v-1l-2-3V9a6 6 0 0 0-6-6z" fill="currentColor" />
      <path d="M9.5 19a2.5 2.5 0 0 0 5 0z" fill="currentColor" />
    </svg>
  );
}
