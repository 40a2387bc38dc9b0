import { ZoomIn } from "lucide-react";
import type { KeyboardEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { AfterProblem } from "./AfterProblem";
import { Choice } from "./Choice";
import { Comparison } from "./Comparison";
import { ContactSheet } from "./ContactSheet";
import { usePreview, usePreviewStore } from "./context";
import { LocalRunNote } from "./LocalRunNote";
import "./preview.css";
import { Readout } from "./Readout";
import { RuleName } from "./RuleName";
import { shortcutFor } from "./shortcuts";
import type { ComparisonMode, Zoom } from "./store";

/** The before/after preview of the rules that will run on the chosen sample: the studio's centre. */
export function PreviewPanel() {
  const t = useT();
  const store = usePreviewStore();
  const sample = usePreview((state) => state.sample);
  const outputs = usePreview((state) => state.outputs);
  const selected = usePreview((state) => state.selected);
  const onlySlot = usePreview((state) => (state.draft === undefined ? state.job?.only : undefined));
  const view = usePreview(
    useShallow((state) => ({
      mode: state.mode,
      zoom: state.zoom,
      pixelated: state.pixelated,
      showBefore: state.showBefore,
      divider: state.divider,
      focus: state.focus,
      producer: state.producer,
    })),
  );

  if (!sample) {
    const slot = onlySlot !== undefined ? outputs[0]?.rule : undefined;
    return (
      <div className="preview-empty" data-testid="preview-empty">
        {slot && <RuleName rule={slot} />}
        <strong>{t("preview.emptyTitle")}</strong>
        <p>{t("preview.emptyHint")}</p>
      </div>
    );
  }

  const name = sample.kind === "file" ? sample.name : sample.key;
  const output = outputs[selected];
  if (!output) return null;
  const ruled = !output.rule.none;

  const set = store.getState().set;
  const onKeyDown = (event: KeyboardEvent) => {
    const shortcut = shortcutFor(event);
    if (!shortcut) return;
    event.preventDefault();
    if (shortcut.kind === "mode") set({ mode: shortcut.mode });
    else if (shortcut.kind === "zoom") set({ zoom: shortcut.zoom });
    else if (shortcut.kind === "pixelated") set({ pixelated: !view.pixelated });
    else set({ mode: "toggle", showBefore: view.mode === "toggle" ? !view.showBefore : true });
  };

  const { answer, error } = output;
  const after = answer?.after;
  const updating = outputs.some((candidate) => candidate.updating);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys are shortcuts for the controls inside, which all take focus themselves
    <div className="preview" onKeyDown={onKeyDown} data-testid="preview">
      <header className="preview-header">
        {ruled ? (
          <RuleName rule={output.rule} />
        ) : (
          <p className="preview-note" data-testid="preview-no-rules">
            {t(sample.kind === "file" ? "preview.noRules" : "preview.noRulesObject")}
          </p>
        )}
        <p className="preview-sample mono" title={name}>
          {t("preview.sample", { name })}
        </p>
      </header>
      {outputs.length > 1 && <ContactSheet />}
      <div className="preview-controls" role="toolbar" aria-label={t("preview.controls")}>
        <Choice<ComparisonMode>
          legend={t("preview.mode")}
          name="preview-mode"
          value={view.mode}
          onChange={(mode) => set({ mode })}
          options={[
            { value: "slider", label: t("preview.modeSlider") },
            { value: "side-by-side", label: t("preview.modeSideBySide") },
            { value: "toggle", label: t("preview.modeToggle") },
          ]}
        />
        <Choice<Zoom>
          legend={t("preview.zoom")}
          name="preview-zoom"
          value={view.zoom}
          onChange={(zoom) => set({ zoom })}
          options={[
            { value: "fit", label: t("preview.zoomFit") },
            { value: "100", label: t("preview.zoomActual") },
            { value: "200", label: t("preview.zoom200") },
            { value: "400", label: t("preview.zoom400") },
          ]}
        />
        <label className="preview-toggle">
          <input
            type="checkbox"
            checked={view.pixelated}
            onChange={(event) => set({ pixelated: event.target.checked })}
          />
          <ZoomIn aria-hidden="true" size={14} />
          {t("preview.pixelated")}
        </label>
        {sample.kind === "object" && (
          <Choice
            legend={t("preview.producer")}
            name="preview-producer"
            value={view.producer}
            onChange={(value) => set({ producer: value })}
            options={[
              { value: "local", label: t("preview.producerLocal") },
              { value: "cos", label: t("preview.producerCos") },
            ]}
          />
        )}
        {view.mode === "toggle" && after?.kind === "image" && (
          <button
            type="button"
            aria-pressed={view.showBefore}
            onClick={() => set({ showBefore: !view.showBefore })}
          >
            {t(view.showBefore ? "preview.showAfter" : "preview.showBefore")}
          </button>
        )}
      </div>
      {ruled && <LocalRunNote rule={output.rule.rule} />}
      <p className="preview-status" role="status" data-testid="preview-status">
        {updating ? t("preview.updating") : !answer && !error ? t("preview.loading") : ""}
      </p>
      {error ? (
        <div className="preview-problem" role="alert">
          <strong>{t("preview.failedTitle")}</strong>
          <p>
            {/* A file sample is gone once it leaves the upload list (an upload started, or it was removed). */}
            {error.code === "not-found"
              ? t("preview.sampleGone")
              : (explainError(t, error) ?? <ErrorMessage error={error} />)}
          </p>
        </div>
      ) : (
        answer && (
          <>
            <Comparison
              before={answer.before}
              after={after?.kind === "image" ? after : undefined}
              mode={view.mode}
              zoom={view.zoom}
              pixelated={view.pixelated}
              showBefore={view.showBefore}
              divider={view.divider}
              onDivider={(divider) => set({ divider })}
              focus={view.focus}
              onFocus={(focus) => set({ focus })}
            />
            {after?.kind === "image" && after.regionUnknown && (
              <p className="preview-note" data-testid="preview-region-unknown">
                {t("preview.regionUnknown")}
              </p>
            )}
            {ruled && after?.kind === "problem" && (
              <AfterProblem error={after.error} sample={sample} rule={output.rule.rule} />
            )}
            <Readout before={answer.before} after={answer.after} measuring={output.measuring} />
          </>
        )
      )}
      <p className="preview-keys hint">{t("preview.keys")}</p>
    </div>
  );
}
