import { useEffect } from "react";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { BatchView, PlanView, ProblemCount, useBatchesStore, useRuleWarnings } from "../batches";
import { useActiveConnection } from "../connections";
import { useUpload, useUploadStore } from "./context";
import { DropZone } from "./DropZone";
import { IntakeList } from "./IntakeList";
import { OptionsPanel, optionErrors } from "./OptionsPanel";

/** Upload with processing: add files, set options and rules, review the plan, run, see results. */
export function UploadWorkspace() {
  const t = useT();
  const active = useActiveConnection();
  const files = useUpload((state) => state.files);
  const options = useUpload((state) => state.options);
  const plans = useUpload((state) => state.plans);
  const planning = useUpload((state) => state.planning);
  const error = useUpload((state) => state.error);
  const { setOptions, reviewPlan, start, loadFiles } = useUploadStore().getState();
  const batches = useBatchesStore().getState();
  const names = new Map(files.map((file) => [file.id, file.relativePath]));

  // The list lives in the main process: it outlives a reload and holds files opened from outside.
  useEffect(() => {
    void loadFiles();
  }, [loadFiles]);

  // The destination follows the connection the designer picked.
  useEffect(() => {
    if (active?.defaultBucket) setOptions({ bucket: active.defaultBucket });
  }, [active?.defaultBucket, setOptions]);

  const errorCount = optionErrors(t, options).size;
  const warningCount = useRuleWarnings(options.rules, options.bucket).filter(Boolean).length;
  const ready = files.some((file) => !file.problem) && errorCount === 0;
  return (
    <div className="upload-workspace">
      <DropZone />
      <IntakeList />
      <OptionsPanel />
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          data-tour="upload"
          disabled={!ready || planning}
          aria-describedby={errorCount > 0 ? "form-problems" : undefined}
          onClick={() => reviewPlan()}
        >
          {planning ? t("plan.checking") : t("plan.review")}
        </button>
        <ProblemCount id="form-problems" errors={errorCount} warnings={warningCount} />
        {errorCount > 0 && <span className="hint">{t("form.blocked")}</span>}
      </div>
      <PlanView
        plans={plans}
        nameOf={(plan) => names.get(plan.sourceId)}
        onStart={async () => {
          const batchId = await start();
          if (batchId) await batches.started(batchId);
        }}
      />
      <BatchView />
    </div>
  );
}
