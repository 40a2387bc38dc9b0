import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { CLOUD_JOB_RECOMMENDED_FROM } from "../../../shared/cos/ci-jobs";
import type { ObjectSelection } from "../../../shared/ipc/channels/uploads";
import { ProcessOptionsSchema } from "../../../shared/uploads/options";
import { type Translate, useT } from "../../i18n";
import { schemaProblemText } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { BatchView, PlanView, ProcessingFields, useBatchesStore } from "../batches";
import { useActiveConnection } from "../connections";
import { CloudJobPlanView, cloudJobRequests, useJobs, useJobsStore } from "../jobs";
import { useBrowse, useProcess } from "./context";
import { PROCESS_FORM_ID } from "./process-form";
import { RuleLibraryPicker } from "./RuleLibraryPicker";

/** Problems in the options, keyed by dotted path (`rules.0.fileid`), as the upload panel shows them. */
function processErrors(t: Translate, options: unknown): Map<string, string> {
  const errors = new Map<string, string>();
  const checked = ProcessOptionsSchema.safeParse(options);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path.map(String).join(".");
      if (!errors.has(key)) errors.set(key, schemaProblemText(t, issue));
    }
  }
  return errors;
}

/** Rules for objects already in the bucket: scope, 1–5 rules, the plan, then the shared batch view. */
export function ProcessPanel() {
  const t = useT();
  // Only what it shows: a listing page arriving must not re-render the rule forms.
  const { place, selected } = useBrowse(
    useShallow((state) => ({ place: state.place, selected: state.selected })),
  );
  const {
    options,
    scope,
    plans,
    skipped,
    planning,
    error,
    setOptions,
    setScope,
    reviewPlan,
    forgetPlan,
    start,
  } = useProcess(
    useShallow((state) => ({
      options: state.options,
      scope: state.scope,
      plans: state.plans,
      skipped: state.skipped,
      planning: state.planning,
      error: state.error,
      setOptions: state.setOptions,
      setScope: state.setScope,
      reviewPlan: state.reviewPlan,
      forgetPlan: state.forgetPlan,
      start: state.start,
    })),
  );
  const batches = useBatchesStore().getState();
  // What the designer typed here last time, kept by the main process across reloads and restarts.
  const loadDraft = useProcess((state) => state.loadDraft);
  useEffect(() => {
    void loadDraft();
  }, [loadDraft]);
  const jobs = useJobsStore();
  const cloudPlanning = useJobs((state) => state.planning);
  const cloudChosen = useJobs((state) => state.plan !== undefined && state.choice === "cloud-job");
  const active = useActiveConnection();
  if (!place) return null;
  const errors = processErrors(t, options);
  const folder = place.prefix || "/";
  const selection: ObjectSelection =
    scope === "prefix"
      ? { bucket: place.bucket, prefix: place.prefix }
      : { bucket: place.bucket, keys: [...selected] };
  const ready = errors.size === 0 && (scope === "prefix" || selected.size > 0);
  // A job reads a folder, or the selected objects, of the bucket the connection's jobs run on.
  const cloudRegion = active?.defaultBucket === place.bucket ? active.region : undefined;
  // A small selection is reviewed for this computer at once, as recommended, so the common
  // case takes no more clicks; the cloud job stays one click away in the plan beside it.
  const localAtOnce = scope === "selection" && selected.size < CLOUD_JOB_RECOMMENDED_FROM;
  const review = async () => {
    if (!cloudRegion) return reviewPlan(selection);
    const requests = cloudJobRequests({
      input: scope === "prefix" ? { prefix: place.prefix } : { keys: [...selected] },
      bucket: place.bucket,
      region: cloudRegion,
      rules: options.rules,
      isPicInfo: options.isPicInfo,
      now: new Date(),
    });
    const cloudPlan = jobs.getState().planJobs(requests);
    if (localAtOnce) await reviewPlan(selection);
    await cloudPlan;
  };

  return (
    <section aria-labelledby="process-heading" className="card process-panel">
      <h3 id="process-heading">{t("process.heading")}</h3>
      <fieldset className="process-scope">
        <legend>{t("process.scope")}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="process-scope"
            checked={scope === "selection"}
            onChange={() => {
              jobs.getState().forgetPlan();
              setScope("selection");
            }}
          />
          {t("process.scopeSelection", { count: selected.size })}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="process-scope"
            checked={scope === "prefix"}
            onChange={() => {
              jobs.getState().forgetPlan();
              setScope("prefix");
            }}
          />
          {t("process.scopePrefix", { prefix: folder })}
        </label>
      </fieldset>
      <RuleLibraryPicker />
      <ProcessingFields
        id={PROCESS_FORM_ID}
        concurrencyLabel={t("process.concurrency")}
        value={options}
        bucket={place.bucket}
        errors={errors}
        onChange={(patch) => {
          jobs.getState().forgetPlan();
          setOptions(patch);
        }}
      />
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!ready || planning || cloudPlanning}
          onClick={review}
        >
          {planning || cloudPlanning ? t("process.checking") : t("process.review")}
        </button>
      </div>
      <CloudJobPlanView
        onLocal={() => reviewPlan(selection)}
        localReviewed={plans !== undefined}
        // Once the cloud runs them, the plan for this computer would offer to process them again.
        onStarted={forgetPlan}
      />
      {skipped.length > 0 && (
        <p className="notice notice-warning" role="status">
          {t("process.skipped", {
            keys: skipped.slice(0, 20).join(", ") + (skipped.length > 20 ? " …" : ""),
          })}
        </p>
      )}
      <PlanView
        plans={cloudChosen ? undefined : plans}
        nameOf={(plan) => plan.originalKey.slice(place.prefix.length) || plan.originalKey}
        startLabel={t("process.start", { files: plans?.length ?? 0 })}
        onStart={async () => {
          const batchId = await start(selection);
          if (batchId) await batches.started(batchId);
        }}
      />
      <BatchView />
    </section>
  );
}
