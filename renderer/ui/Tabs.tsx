import { type KeyboardEvent, type ReactNode, useRef } from "react";

export interface TabItem<Id extends string> {
  id: Id;
  label: string;
  panel: ReactNode;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; Tab moves into the panel. */
export function Tabs<Id extends string>(props: {
  label: string;
  items: TabItem<Id>[];
  selected: Id;
  onSelect(id: Id): void;
}) {
  const buttons = useRef(new Map<Id, HTMLButtonElement>());
  const index = props.items.findIndex((item) => item.id === props.selected);

  const onKeyDown = (event: KeyboardEvent) => {
    const last = props.items.length - 1;
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % props.items.length
        : event.key === "ArrowLeft"
          ? (index - 1 + props.items.length) % props.items.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const target = props.items[next];
    if (target) {
      props.onSelect(target.id);
      buttons.current.get(target.id)?.focus();
    }
  };

  const current = props.items[index];
  return (
    <div className="tabs">
      <div role="tablist" aria-label={props.label} className="tablist" onKeyDown={onKeyDown}>
        {props.items.map((item) => (
          <button
            key={item.id}
            ref={(element) => {
              if (element) buttons.current.set(item.id, element);
            }}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={item.id === props.selected}
            aria-controls={`panel-${item.id}`}
            tabIndex={item.id === props.selected ? 0 : -1}
            onClick={() => props.onSelect(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          role="tabpanel"
          id={`panel-${current.id}`}
          aria-labelledby={`tab-${current.id}`}
          className="tabpanel"
        >
          {current.panel}
        </div>
      )}
    </div>
  );
}
