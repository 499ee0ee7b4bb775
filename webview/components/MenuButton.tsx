/**
 * A compact dropdown-like button that opens a small menu of choices, as VS Code's own chat pickers
 * do: the button shows the current choice and a chevron; the menu is a listbox under the
 * webview's theme colours.
 *
 * Keyboard: Enter, Space, ArrowDown or ArrowUp on the button opens the menu at the current
 * choice; in the menu ArrowUp/ArrowDown/Home/End move, Enter or Space chooses, Escape closes and
 * returns focus to the button, Tab closes. The menu keeps focus itself and points at the
 * highlighted row with `aria-activedescendant`. A disabled choice stays reachable so its reason
 * can be read, but cannot be chosen.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./common";

export interface MenuChoice<V extends string> {
  value: V;
  label: string;
  /** A second, muted line (what the choice does). */
  description?: string;
  icon?: string;
  /** Shown instead of the description; the choice cannot be picked. */
  disabledReason?: string;
}

let nextMenuId = 0;

export function MenuButton<V extends string>({
  name,
  text,
  icon,
  title,
  choices,
  value,
  onChoose,
  openRequest,
  class: cls,
}: {
  /** What the button chooses ("Model"); its accessible name is "name: text". */
  name: string;
  /** The current choice as shown on the button. */
  text: string;
  icon?: string;
  title?: string;
  choices: readonly MenuChoice<V>[];
  value: V;
  onChoose(value: V): void;
  /** Bumped to open the menu from elsewhere (a slash command), focused at the current choice. */
  openRequest?: number;
  class?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const idRef = useRef(`menu-${++nextMenuId}`);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const id = idRef.current;
  const optionId = (index: number) => `${id}-option-${index}`;

  const show = (at?: "first" | "last") => {
    const selected = choices.findIndex((choice) => choice.value === value);
    setActive(
      at === "first" ? 0 : at === "last" ? choices.length - 1 : selected >= 0 ? selected : 0,
    );
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (index: number) => {
    const choice = choices[index];
    if (!choice || choice.disabledReason) return;
    close(true);
    if (choice.value !== value) onChoose(choice.value);
  };

  useEffect(() => {
    if (openRequest) show();
    // Only a new request opens it; `show` reads the current choices.
  }, [openRequest]);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!open || !list) return;
    list.focus();
    // Keep the menu inside the view: shift it left when it would overflow on the right.
    list.style.left = "";
    const overflow = list.getBoundingClientRect().right - (window.innerWidth - 4);
    if (overflow > 0) list.style.left = `${-overflow}px`;
  }, [open]);

  useLayoutEffect(() => {
    if (!open) return;
    listRef.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView?.({
      block: "nearest",
    });
  }, [open, active]);

  const onListKey = (event: KeyboardEvent) => {
    const count = choices.length;
    const moves: Record<string, number> = {
      ArrowDown: (active + 1) % count,
      ArrowUp: (active - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      // Closes the menu only (not the panel around the composer).
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  };

  return (
    <div class={`menu-anchor${cls ? ` ${cls}` : ""}`}>
      <button
        ref={buttonRef}
        type="button"
        class="menu-button"
        aria-haspopup="listbox"
        aria-expanded={open ? "true" : "false"}
        aria-controls={open ? id : undefined}
        aria-label={`${name}: ${text}`}
        title={title ?? `${name}: ${text}`}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            show(event.key === "ArrowDown" ? undefined : "last");
          }
        }}
      >
        {icon && <Icon name={icon} />}
        <span class="menu-button-text">{text}</span>
        <Icon name="chevron-down" />
      </button>
      {open && (
        <ul
          ref={listRef}
          id={id}
          class="menu"
          role="listbox"
          aria-label={name}
          tabIndex={-1}
          aria-activedescendant={optionId(active)}
          onKeyDown={onListKey}
          onFocusOut={(event) => {
            const next = event.relatedTarget as Node | null;
            // Clicking the button again toggles it closed through its own click.
            if (next && (listRef.current?.contains(next) || next === buttonRef.current)) return;
            setOpen(false);
          }}
        >
          {choices.map((choice, index) => {
            const selected = choice.value === value;
            const detail = choice.disabledReason ?? choice.description;
            return (
              <li
                key={choice.value}
                id={optionId(index)}
                role="option"
                aria-selected={selected ? "true" : "false"}
                aria-disabled={choice.disabledReason ? "true" : undefined}
                class={`menu-item${index === active ? " menu-item-active" : ""}${
                  choice.disabledReason ? " menu-item-disabled" : ""
                }`}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(index)}
                onMouseMove={() => {
                  if (index !== active) setActive(index);
                }}
              >
                <span class="menu-item-check">{selected && <Icon name="check" />}</span>
                {choice.icon && <Icon name={choice.icon} />}
                <span class="menu-item-text">
                  <span class="menu-item-label">{choice.label}</span>
                  {detail && <span class="menu-item-detail">{detail}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
