import { type KeyboardEvent, useEffect } from "react";
import { useT } from "../../i18n";
import { useRuleDraftStore } from "../rules";
import { AfterProblem } from "./AfterProblem";
import { Choice } from "./Choice";
import { Comparison } from "./Comparison";
import "./preview.css";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { LocalRunNote } from "./LocalRunNote";
import { Readout } from "./Readout";
import { usePreviewSample } from "./sample-store";
import { shortcutFor } from "./shortcuts";
import { type ComparisonMode, usePreview, type Zoom } from "./store";

/**
 * Asks for a new preview whenever the sample, the draft rule or the producer changes. The
 * stores are watched directly rather than through a render: the request leaves as the
 * designer types, while React is still re-rendering the builder.
 */
function useLivePreview(): void {
  const draft = useRuleDraftStore();
  useEffect(() => {
    const update = () => {
      const { sample } = usePreviewSample.getState();
      if (!sample) return;
      // COS can only process what is in a bucket; a file on this computer goes to the local engine.
      const producer = sample.kind === "object" ? usePreview.getState().producer : "local";
      void usePreview.getState().show(sample, draft.getState().text, producer);
    };
    update();
    const stops = [
      draft.subscribe((state, previous) => state.text !== previous.text && update()),
      usePreviewSample.subscribe((state, previous) => {
        if (state.sample === previous.sample) return;
        // Another sample's pictures must not stand in for this one's while it loads.
        usePreview.getState().reset();
        update();
      }),
      usePreview.subscribe((state, previous) => state.producer !== previous.producer && update()),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [draft]);
}

/** The before/after preview of the draft rule on the chosen sample, in the details panel. */
export function PreviewPanel() {
  const t = useT();
  const sample = usePreviewSample((state) => state.sample);
  const preview = usePreview();
  useLivePreview();

  if (!sample) {
    return (
      <div className="preview-empty" data-testid="preview-empty">
        <strong>{t("preview.emptyTitle")}</strong>
        <p>{t("preview.emptyHint")}</p>
      </div>
    );
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const shortcut = shortcutFor(event);
    if (!shortcut) return;
    event.preventDefault();
    if (shortcut.kind === "mode") preview.set({ mode: shortcut.mode });
    else if (shortcut.kind === "zoom") preview.set({ zoom: shortcut.zoom });
    else if (shortcut.kind === "wide") preview.set({ wide: !preview.wide });
    else preview.set({ mode: "toggle", showBefore: preview.mode === "toggle" ? !preview.showBefore : true });
  };

  const { answer, error } = preview;
  const after = answer?.after;
  const name = sample.kind === "file" ? sample.name : sample.key;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys are shortcuts for the controls inside, which all take focus themselves
    <div className="preview" onKeyDown={onKeyDown} data-testid="preview" data-wide={preview.wide}>
      <p className="preview-sample mono" title={name}>
        {t("preview.sample", { name })}
      </p>
      <div className="preview-controls">
        <Choice<ComparisonMode>
          legend={t("preview.mode")}
          name="preview-mode"
          value={preview.mode}
          onChange={(mode) => preview.set({ mode })}
          options={[
            { value: "slider", label: t("preview.modeSlider") },
            { value: "side-by-side", label: t("preview.modeSideBySide") },
            { value: "toggle", label: t("preview.modeToggle") },
          ]}
        />
        <Choice<Zoom>
          legend={t("preview.zoom")}
          name="preview-zoom"
          value={preview.zoom}
          onChange={(zoom) => preview.set({ zoom })}
          options={[
            { value: "fit", label: t("preview.zoomFit") },
            { value: "actual", label: t("preview.zoomActual") },
          ]}
        />
        {sample.kind === "object" && (
          <Choice
            legend={t("preview.producer")}
            name="preview-producer"
            value={preview.producer}
            onChange={(value) => preview.set({ producer: value })}
            options={[
              { value: "local", label: t("preview.producerLocal") },
              { value: "cos", label: t("preview.producerCos") },
            ]}
          />
        )}
        <button
          type="button"
          aria-pressed={preview.wide}
          onClick={() => preview.set({ wide: !preview.wide })}
        >
          {t("preview.wide")}
        </button>
        {preview.mode === "toggle" && after?.kind === "image" && (
          <button
            type="button"
            aria-pressed={preview.showBefore}
            onClick={() => preview.set({ showBefore: !preview.showBefore })}
          >
            {t(preview.showBefore ? "preview.showAfter" : "preview.showBefore")}
          </button>
        )}
      </div>
      <LocalRunNote />
      <p className="preview-status" role="status" data-testid="preview-status">
        {preview.updating ? t("preview.updating") : !answer && !error ? t("preview.loading") : ""}
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
              mode={preview.mode}
              zoom={preview.zoom}
              showBefore={preview.showBefore}
              divider={preview.divider}
              onDivider={(divider) => preview.set({ divider })}
            />
            {after?.kind === "problem" && <AfterProblem error={after.error} sample={sample} />}
            <Readout before={answer.before} after={answer.after} measuring={preview.measuring} />
          </>
        )
      )}
      <p className="preview-keys hint">{t("preview.keys")}</p>
    </div>
  );
}
