import { useEffect } from "react";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { BatchView, PlanView, useBatchesStore } from "../batches";
import { useActiveConnection } from "../connections";
import { QuickPanel } from "../quick";
import { DropZone } from "./DropZone";
import { IntakeList } from "./IntakeList";
import { OptionsPanel, optionErrors } from "./OptionsPanel";
import { useUpload } from "./store";

/** Upload with processing: add files, set options and rules, review the plan, run, see results. */
export function UploadWorkspace() {
  const t = useT();
  const active = useActiveConnection();
  const { files, options, plans, setOptions, reviewPlan, start, planning, error, loadFiles } = useUpload();
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

  const ready = files.some((file) => !file.problem) && optionErrors(t, options).size === 0;
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
          type="button"
          className="primary"
          data-tour="upload"
          disabled={!ready || planning}
          onClick={() => reviewPlan()}
        >
          {planning ? t("plan.checking") : t("plan.review")}
        </button>
      </div>
      <PlanView
        plans={plans}
        uploadIdentical={options.uploadIdentical}
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
