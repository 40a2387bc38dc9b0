import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useT } from "../../i18n";
import { useActiveConnection } from "../connections";
import { StepForm } from "./StepForm";
import { STEP_NAMES } from "./step-names";
import { moveStep, PALETTE, type Step, stepKind } from "./steps";

/**
 * The ordered steps of the rule, each with its form. Reorder by dragging the handle, with
 * the move buttons, or with Alt+↑/↓ anywhere in a step; focus follows the moved step.
 */
export function StepList(props: { steps: Step[]; onChange(steps: Step[], source?: string): void }) {
  const t = useT();
  const active = useActiveConnection();
  const { steps } = props;
  const handles = useRef(new Map<number, HTMLButtonElement>());
  const [focusAt, setFocusAt] = useState<number>();
  const [dragFrom, setDragFrom] = useState<number>();
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (focusAt === undefined) return;
    handles.current.get(focusAt)?.focus();
    setFocusAt(undefined);
  }, [focusAt]);

  const name = (step: Step) => t(STEP_NAMES[stepKind(step)]);
  const move = (from: number, to: number) => {
    const step = steps[from];
    if (!step || to < 0 || to >= steps.length || from === to) return;
    props.onChange(moveStep(steps, from, to));
    setFocusAt(to);
    setAnnouncement(t("rules.steps.moved", { step: name(step), n: to + 1, total: steps.length }));
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(index, event.key === "ArrowUp" ? index - 1 : index + 1);
  };

  return (
    <section className="steps" aria-labelledby="steps-heading">
      <h3 id="steps-heading">{t("rules.steps.heading")}</h3>
      {steps.length === 0 && <p className="empty">{t("rules.steps.empty")}</p>}
      <ol className="step-list">
        {steps.map((step, index) => {
          const title = name(step);
          const id = `step-${index}`;
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are rebuilt from the text; their position is their identity
              key={index}
              className={dragFrom === index ? "step dragging" : "step"}
              aria-labelledby={`${id}-title`}
              data-testid={id}
              onKeyDown={(event) => onKeyDown(event, index)}
              onDragOver={(event) => dragFrom !== undefined && event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                if (dragFrom !== undefined) move(dragFrom, index);
                setDragFrom(undefined);
              }}
            >
              <div className="step-head">
                <button
                  ref={(element) => {
                    if (element) handles.current.set(index, element);
                    else handles.current.delete(index);
                  }}
                  type="button"
                  className="step-handle"
                  draggable
                  aria-label={t("rules.steps.handle", { step: title })}
                  aria-describedby="steps-reorder-hint"
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = "move";
                    event.dataTransfer.setData("text/plain", String(index));
                    setDragFrom(index);
                  }}
                  onDragEnd={() => setDragFrom(undefined)}
                >
                  <span aria-hidden="true">⠿</span>
                </button>
                <h4 id={`${id}-title`}>
                  {index + 1}. {title}
                </h4>
                <button
                  type="button"
                  className="icon"
                  aria-label={t("rules.steps.moveUp", { step: title })}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={t("rules.steps.moveDown", { step: title })}
                  disabled={index === steps.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="icon danger"
                  aria-label={t("rules.steps.remove", { step: title })}
                  onClick={() => {
                    props.onChange(steps.filter((_, i) => i !== index));
                    setAnnouncement(t("rules.steps.removed", { step: title }));
                  }}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </div>
              <StepForm
                id={id}
                step={step}
                onChange={(next, source) =>
                  props.onChange(
                    steps.map((s, i) => (i === index ? next : s)),
                    source,
                  )
                }
              />
            </li>
          );
        })}
      </ol>
      <p id="steps-reorder-hint" className="hint">
        {t("rules.steps.reorderHint")}
      </p>
      <fieldset className="palette">
        <legend className="palette-label">{t("rules.steps.palette")}</legend>
        {PALETTE.map((entry) => (
          <button
            key={entry.kind}
            type="button"
            onClick={() => {
              const place = { bucket: active?.defaultBucket ?? "", region: active?.region ?? "" };
              props.onChange([...steps, entry.make(place)]);
              setFocusAt(steps.length);
              setAnnouncement(t("rules.steps.added", { step: t(STEP_NAMES[entry.kind]) }));
            }}
          >
            {t(STEP_NAMES[entry.kind])}
          </button>
        ))}
      </fieldset>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
