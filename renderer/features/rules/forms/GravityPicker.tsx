import { type KeyboardEvent, useId, useRef } from "react";
import { GRAVITY_NAMES, type Gravity } from "../../../../shared/rules";
import { type MessageKey, useT } from "../../../i18n";

/** The nine-grid, row by row, as COS lists it (reference §7.2). */
const GRID = Object.keys(GRAVITY_NAMES) as Gravity[];

const NAMES: Record<Gravity, MessageKey> = {
  northwest: "rules.gravity.northwest",
  north: "rules.gravity.north",
  northeast: "rules.gravity.northeast",
  west: "rules.gravity.west",
  center: "rules.gravity.center",
  east: "rules.gravity.east",
  southwest: "rules.gravity.southwest",
  south: "rules.gravity.south",
  southeast: "rules.gravity.southeast",
};

const ARROWS: Record<Gravity, string> = {
  northwest: "↖",
  north: "↑",
  northeast: "↗",
  west: "←",
  center: "•",
  east: "→",
  southwest: "↙",
  south: "↓",
  southeast: "↘",
};

/**
 * A 3×3 group of radio buttons: arrow keys move the choice across the grid as on a keypad
 * (the browser's own arrow handling would walk the nine in a line).
 */
export function GravityPicker(props: {
  label: string;
  value: Gravity | undefined;
  /** What COS uses when the rule says nothing; shown as chosen. */
  fallback: Gravity;
  onChange(gravity: Gravity): void;
}) {
  const t = useT();
  const name = useId();
  const cells = useRef(new Map<Gravity, HTMLInputElement>());
  const chosen = props.value ?? props.fallback;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const row = Math.floor(index / 3);
    const column = index % 3;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
    };
    const move = moves[event.key];
    if (!move || event.altKey) return;
    event.preventDefault();
    const [nextRow, nextColumn] = move;
    if (nextRow < 0 || nextRow > 2 || nextColumn < 0 || nextColumn > 2) return;
    const next = GRID[nextRow * 3 + nextColumn];
    if (!next) return;
    props.onChange(next);
    cells.current.get(next)?.focus();
  };

  return (
    <fieldset className="gravity">
      <legend>{props.label}</legend>
      <div className="gravity-picker">
        {GRID.map((gravity, index) => (
          <label key={gravity} title={`${t(NAMES[gravity])} (${GRAVITY_NAMES[gravity]})`}>
            <input
              ref={(element) => {
                if (element) cells.current.set(gravity, element);
              }}
              type="radio"
              className="visually-hidden"
              name={name}
              checked={gravity === chosen}
              aria-label={t(NAMES[gravity])}
              onChange={() => props.onChange(gravity)}
              onKeyDown={(event) => onKeyDown(event, index)}
            />
            <span aria-hidden="true">{ARROWS[gravity]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
