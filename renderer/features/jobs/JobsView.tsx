import { RefreshCw } from "lucide-react";
import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { type CiJobDetail, isFinalState } from "../../../shared/cos/ci-jobs";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useJobs } from "./context";

/** Recent cloud jobs from COS, each with its state, progress, failure and Cancel; kept live by `jobs.changed`. */
export function JobsView() {
  const t = useT();
  const jobs = useJobs((state) => state.jobs);
  const { loading, listError, load } = useJobs(
    useShallow((state) => ({ loading: state.loading, listError: state.listError, load: state.load })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="jobs-heading" className="card jobs-view" data-testid="jobs">
      <div className="row spread">
        <h3 id="jobs-heading">{t("jobs.heading")}</h3>
        <button type="button" onClick={() => load()} disabled={loading}>
          <RefreshCw size={14} aria-hidden="true" /> {t("jobs.reload")}
        </button>
      </div>
      <p className="hint">{t("jobs.intro")}</p>
      {listError && (
        <p role="alert" className="notice notice-error">
          {t("jobs.listFailed")} <strong className="mono">{listError.code}</strong>:{" "}
          <ErrorMessage error={listError} />
        </p>
      )}
      {loading && jobs.length === 0 && <p className="hint">{t("jobs.loading")}</p>}
      {!loading && !listError && jobs.length === 0 && <p className="empty">{t("jobs.none")}</p>}
      {jobs.length > 0 && (
        <ul className="plain job-list" aria-label={t("jobs.listLabel")}>
          {jobs.map((job) => (
            <JobRow key={job.jobId} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JobRow(props: { job: CiJobDetail }) {
  const t = useT();
  const { job } = props;
  const cancelling = useJobs((state) => state.cancelling.has(job.jobId));
  const cancelError = useJobs((state) => state.cancelErrors.get(job.jobId));
  const cancel = useJobs((state) => state.cancel);
  const progress = job.state === "Success" ? 100 : (job.progress ?? 0);
  return (
    <li className="job" data-testid="job" data-job-id={job.jobId} data-state={job.state}>
      <div className="row spread">
        <strong className="mono">{job.name || job.jobId}</strong>
        <span className="badge" data-testid="job-state">
          {t(`jobs.state.${job.state}`)}
        </span>
      </div>
      <div
        className="progress small"
        role="progressbar"
        aria-label={t("jobs.progress", { name: job.name || job.jobId })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
      >
        <div style={{ width: `${progress}%` }} />
      </div>
      <p className="meta">
        {progress} %{job.creationTime && ` · ${t("jobs.created", { time: job.creationTime })}`}
      </p>
      {job.request && (
        <p className="meta mono">
          {t("jobs.rule", { rule: job.request.processRule })} ·{" "}
          {t("jobs.writes", { output: job.request.output.object })}
        </p>
      )}
      {job.state === "Failed" && (
        <p className="notice notice-error" data-testid="job-failure">
          <span lang="en">{t("jobs.failure", { code: job.code, message: job.message })}</span>
        </p>
      )}
      {cancelError && (
        <p role="alert" className="notice notice-error" data-testid="job-cancel-error">
          {t("jobs.cancelFailed")} <strong className="mono">{cancelError.code}</strong>:{" "}
          <ErrorMessage error={cancelError} />
        </p>
      )}
      {!isFinalState(job.state) && (
        <button type="button" className="danger" disabled={cancelling} onClick={() => cancel(job.jobId)}>
          {cancelling ? t("jobs.cancelling") : t("jobs.cancel")}
        </button>
      )}
    </li>
  );
}
