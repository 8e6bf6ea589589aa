import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { useCoaching } from "./coaching-state.ts";
import { BellIcon, PersonIcon } from "./status-icons.tsx";

function unreadText(unread: number): string {
  return `${unread} unread coaching ${unread === 1 ? "message" : "messages"}`;
}

// The status menu's button in the header (seed 001, Fig 7 and 8): the head-and-shoulders icon, replaced by a bell
// while any coaching message is unread. Its menu opens the day's messages at any time, in any status.
export function CoachingStatusMenu() {
  const coaching = useCoaching();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRef = useRef<HTMLButtonElement>(null);
  if (!coaching) {
    return null;
  }
  const { unread } = coaching;
  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) {
      buttonRef.current?.focus();
    }
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      close(true);
    }
  };
  const handleBlur = (event: FocusEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget)) {
      setOpen(false);
    }
  };
  return (
    <div className="status-menu" onKeyDown={handleKeyDown} onBlur={handleBlur}>
      <button
        ref={buttonRef}
        type="button"
        className={unread > 0 ? "status-menu-button status-menu-button-unread" : "status-menu-button"}
        aria-label={unread > 0 ? `Status menu: ${unreadText(unread)}` : "Status menu"}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => {
          setOpen(!open);
          requestAnimationFrame(() => itemRef.current?.focus());
        }}
      >
        {unread > 0 ? <BellIcon /> : <PersonIcon />}
        {unread > 0 ? (
          <span className="status-menu-count" aria-hidden="true">
            {unread}
          </span>
        ) : null}
      </button>
      <ul id={menuId} className="status-menu-list" role="menu" aria-label="Status menu" hidden={!open}>
        <li role="none">
          <button
            ref={itemRef}
            type="button"
            role="menuitem"
            className="status-menu-item"
            onClick={() => {
              close(false);
              coaching.openDialog();
            }}
          >
            View coaching messages{unread > 0 ? ` (${unread} unread)` : ""}
          </button>
        </li>
      </ul>
    </div>
  );
}
