import "./rules.css";
import { type KeyboardEvent, type ReactNode, useMemo } from "react";
import { checkRule, formatRule } from "../../../shared/rules";
import { useT } from "../../i18n";
import { useRuleDraft } from "./context";
import { PresetsPanel } from "./PresetsPanel";
import { RuleTextField } from "./RuleTextField";
import { StepList } from "./StepList";
import { StylesPanel } from "./StylesPanel";
import { pipelineFromSteps, type Step, stepsFromPipeline } from "./steps";
import { useUnknownStyles } from "./unknown-styles";

/**
 * The Rules tab: the visual builder beside the rule text. The text is the one truth: the
 * forms are rebuilt from it on every change, and a form edit rewrites it from the tree, so
 * text the designer typed is never rewritten until a form is touched. What else can be done
 * with the draft (use it in an upload) is the app's to add, beside undo and redo.
 */
export function RulesWorkspace(props: {
  draftActions?: (draft: { text: string; valid: boolean }) => ReactNode;
}) {
  const t = useT();
  const text = useRuleDraft((state) => state.text);
  const setText = useRuleDraft((state) => state.setText);
  const undo = useRuleDraft((state) => state.undo);
  const redo = useRuleDraft((state) => state.redo);
  const canUndo = useRuleDraft((state) => state.past.length > 0);
  const canRedo = useRuleDraft((state) => state.future.length > 0);
  const checked = useMemo(() => checkRule(text), [text]);
  const steps = useMemo(() => stepsFromPipeline(checked.pipeline), [checked]);
  const valid = !checked.diagnostics.some((d) => d.severity === "error");
  // The styles shown beside the builder: a style/<name> none of them has is pointed out.
  const [unknownStyles = []] = useUnknownStyles([text]);
  const diagnostics = [...checked.diagnostics, ...unknownStyles].sort((a, b) => a.span.start - b.span.start);

  const editSteps = (next: Step[], source?: string) => setText(formatRule(pipelineFromSteps(next)), source);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) undo();
    else if ((key === "z" && event.shiftKey) || key === "y") redo();
    else return;
    event.preventDefault();
  };

  return (
    <div className="rules-workspace">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: undo/redo shortcuts for every control inside the builder */}
      <div className="rule-builder" onKeyDown={onKeyDown}>
        <div className="row rules-toolbar">
          <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z">
            {t("rules.undo")}
          </button>
          <button
            type="button"
            onClick={redo}
            disabled={!canRedo}
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
          >
            {t("rules.redo")}
          </button>
          {props.draftActions?.({ text, valid })}
        </div>
        <div className="rules-columns">
          <RuleTextField text={text} diagnostics={diagnostics} onChange={(typed) => setText(typed, "text")} />
          <StepList steps={steps} onChange={editSteps} />
        </div>
      </div>
      <div className="rules-library">
        <PresetsPanel />
        <StylesPanel />
      </div>
    </div>
  );
}
