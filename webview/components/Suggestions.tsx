/**
 * The composer's autocomplete popup (@-mentions, slash commands): a listbox the textarea controls
 * (`aria-controls` / `aria-activedescendant`); the textarea keeps focus, the keyboard is handled
 * by the composer. A mouse pick uses `mousedown` so the textarea does not lose focus first.
 */
import { useEffect, useRef } from "preact/hooks";
import { Icon } from "./common";

export interface Suggestion {
  key: string;
  label: string;
  description?: string;
  icon?: string;
  /** Shown, greyed, with why in its description (`@changes` outside a Git repository). */
  disabled?: boolean;
}

export function Suggestions({
  id,
  label,
  items,
  active,
  onPick,
  onHover,
  busy,
  emptyText,
}: {
  id: string;
  label: string;
  items: readonly Suggestion[];
  active: number;
  onPick(index: number): void;
  onHover(index: number): void;
  busy?: boolean;
  emptyText?: string;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const option = listRef.current?.querySelector<HTMLElement>(
      `#${CSS.escape(optionId(id, active))}`,
    );
    option?.scrollIntoView?.({ block: "nearest" });
  }, [id, active, items]);
  return (
    <div class="suggestions">
      <ul ref={listRef} id={id} class="suggestions-list" role="listbox" aria-label={label}>
        {items.map((item, index) => (
          <li
            key={item.key}
            id={optionId(id, index)}
            role="option"
            class={`suggestion${index === active ? " suggestion-active" : ""}${item.disabled ? " suggestion-disabled" : ""}`}
            aria-selected={index === active ? "true" : "false"}
            title={item.description ? `${item.label} — ${item.description}` : undefined}
            aria-disabled={item.disabled ? "true" : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              onPick(index);
            }}
            onMouseMove={() => {
              if (index !== active) onHover(index);
            }}
          >
            {item.icon && <Icon name={item.icon} />}
            <span class="suggestion-label">{item.label}</span>
            {item.description && (
              <span class="suggestion-description ellipsis muted">{item.description}</span>
            )}
          </li>
        ))}
      </ul>
      {items.length === 0 && (busy || emptyText) && (
        <div class="suggestions-empty muted" role="status">
          {emptyText}
        </div>
      )}
    </div>
  );
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}
