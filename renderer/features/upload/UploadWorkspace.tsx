import { useEffect, useState } from "react";
import { numberedOutputName } from "../../../shared/uploads/fileid-template";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { focusNext } from "../../ui/focus";
import { BatchView, PlanView, ProblemCount, useBatchesStore, useRuleWarnings } from "../batches";
import { useActiveConnection } from "../connections";
import { QuickPanel } from "../quick";
import { useUpload, useUploadStore } from "./context";
import { DropZone } from "./DropZone";
import { IntakeList } from "./IntakeList";
import { OptionsPanel, optionErrorCount, optionErrors } from "./OptionsPanel";

/** Upload with processing: add files, set options and rules, review the plan, run, see results. */
export function UploadWorkspace() {
  const t = useT();
  const active = useActiveConnection();
  const files = useUpload((state) => state.files);
  const options = useUpload((state) => state.options);
  const plans = useUpload((state) => state.plans);
  const planning = useUpload((state) => state.planning);
  const error = useUpload((state) => state.error);
  const upload = useUploadStore();
  const { setOptions, reviewPlan, start, loadFiles, loadDraft } = upload.getState();
  const batches = useBatchesStore().getState();
  const names = new Map(files.map((file) => [file.id, file.relativePath]));

  // The list and the form's draft live in the main process: they outlive a reload and a restart.
  useEffect(() => {
    void loadFiles();
    void loadDraft();
  }, [loadFiles, loadDraft]);

  // The destination follows the connection the designer picked.
  useEffect(() => {
    if (active?.defaultBucket) setOptions({ bucket: active.defaultBucket });
  }, [active?.defaultBucket, setOptions]);

  // Alt+P, "Go to presets": the first rule slot's preset picker, adding a slot when there is none.
  const [goToPresets, setGoToPresets] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== "KeyP") return;
      event.preventDefault();
      const { options, setOptions } = upload.getState();
      if (options.rules.length === 0) setOptions({ rules: [{ rule: "", fileid: numberedOutputName(1) }] });
      setGoToPresets(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [upload]);
  useEffect(() => {
    if (!goToPresets) return;
    focusNext("#rule-0-preset");
    setGoToPresets(false);
  }, [goToPresets]);

  const errorCount = optionErrorCount(optionErrors(t, options));
  const warningCount = useRuleWarnings(options.rules, options.bucket).filter(Boolean).length;
  const ready = files.some((file) => !file.problem) && errorCount === 0;
  return (
    <div className="upload-workspace">
      <DropZone />
      <QuickPanel />
      <IntakeList />
      <OptionsPanel />
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      <div className="row">
        <button
          id="review-plan"
          type="button"
          className="primary"
          data-tour="upload"
          disabled={!ready || planning}
          aria-describedby={errorCount > 0 ? "form-problems" : undefined}
          onClick={async () => {
            await reviewPlan();
            focusNext("#plan-start", "#plan-heading");
          }}
        >
          {planning ? t("plan.checking") : t("plan.review")}
        </button>
        <ProblemCount id="form-problems" errors={errorCount} warnings={warningCount} />
        {errorCount > 0 && <span className="hint">{t("form.blocked")}</span>}
      </div>
      <PlanView
        plans={plans}
        uploadIdentical={options.uploadIdentical}
        nameOf={(plan) => names.get(plan.sourceId)}
        onStart={async () => {
          const batchId = await start();
          if (!batchId) return;
          await batches.started(batchId);
          focusNext("#batch-heading");
        }}
      />
      <BatchView />
    </div>
  );
}
