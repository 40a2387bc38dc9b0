import { useShallow } from "zustand/react/shallow";
import type { CloudJobPlan, CloudJobRequest } from "../../../shared/cos/ci-jobs";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useJobs } from "./context";

/** How many keys a problem list names before "…". */
const LISTED = 5;

const listed = (keys: readonly string[]) =>
  keys.slice(0, LISTED).join(", ") + (keys.length > LISTED ? " …" : "");

/**
 * The cloud plan of processing a folder, a selection or one object: how many objects (or an
 * estimate), what each rule writes, overwrites, and the choice of a cloud job or this computer,
 * preset to the plan's recommendation by size. `onLocal` goes on to the plan of the local loop,
 * unless that plan is already shown (`localReviewed`).
 */
export function CloudJobPlanView(props: { onLocal(): void; onStarted?(): void; localReviewed?: boolean }) {
  const t = useT();
  const { plan, choice, starting, planError, choose, startJobs } = useJobs(
    useShallow((state) => ({
      plan: state.plan,
      choice: state.choice,
      starting: state.starting,
      planError: state.planError,
      choose: state.choose,
      startJobs: state.startJobs,
    })),
  );
  const error = planError && (
    <p role="alert" className="notice notice-error" data-testid="cloud-plan-error">
      {t("jobPlan.startFailed")} <strong className="mono">{planError.code}</strong>:{" "}
      <ErrorMessage error={planError} />
    </p>
  );
  if (!plan) return error ?? null;
  const first = plan.plans[0];
  const firstRequest = plan.requests[0];
  if (!first || !firstRequest) return null;
  const recommendation = plan.plans.some((p) => p.recommendation === "cloud-job")
    ? "cloud-job"
    : "local-loop";

  return (
    <section className="cloud-plan" aria-labelledby="cloud-plan-heading" data-testid="cloud-plan">
      <h4 id="cloud-plan-heading">{t("jobPlan.heading")}</h4>
      <p data-testid="cloud-plan-count">{countText(t, firstRequest, first)}</p>
      {plan.plans.map((rulePlan, index) => {
        const request = plan.requests[index];
        if (!request) return null;
        return <RulePlan key={request.name} index={index + 1} request={request} plan={rulePlan} />;
      })}
      <fieldset className="job-choice">
        <legend>{t("jobPlan.choice")}</legend>
        {(["cloud-job", "local-loop"] as const).map((option) => (
          <label className="checkbox" key={option}>
            <input
              type="radio"
              name="job-choice"
              value={option}
              checked={choice === option}
              onChange={() => choose(option)}
            />
            <span>
              {option === "cloud-job" ? t("jobPlan.cloudJob") : t("jobPlan.localLoop")}
              {option === recommendation && (
                <span className="badge" data-testid="recommended">
                  {t("jobPlan.recommended")}
                </span>
              )}
              <span className="hint">
                {" "}
                {option === "cloud-job" ? t("jobPlan.cloudJobHint") : t("jobPlan.localLoopHint")}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {error}
      <div className="row">
        {choice === "cloud-job" ? (
          <button
            type="button"
            className="primary"
            disabled={starting}
            onClick={async () => {
              if (await startJobs()) props.onStarted?.();
            }}
          >
            {starting ? t("jobPlan.starting") : t("jobPlan.startCloud", { count: plan.requests.length })}
          </button>
        ) : (
          !props.localReviewed && (
            <button type="button" className="primary" onClick={props.onLocal}>
              {t("jobPlan.reviewLocal")}
            </button>
          )
        )}
      </div>
    </section>
  );
}

function countText(t: ReturnType<typeof useT>, request: CloudJobRequest, plan: CloudJobPlan): string {
  const { input } = request;
  if ("object" in input) return t("jobPlan.oneObject", { key: input.object });
  if (!("prefix" in input)) return t("jobPlan.selected", { count: plan.counted });
  const prefix = input.prefix || "/";
  if (plan.complete) return t("jobPlan.counted", { count: plan.counted, prefix });
  const { estimate } = plan;
  if (!estimate) return t("jobPlan.atLeast", { count: plan.counted.toLocaleString(), prefix });
  return t("jobPlan.estimated", {
    total: estimate.total.toLocaleString(),
    margin: estimate.margin.toLocaleString(),
    prefix,
    counted: estimate.foldersCounted,
    folders: estimate.folders,
    listed: plan.counted.toLocaleString(),
  });
}

function RulePlan(props: { index: number; request: CloudJobRequest; plan: CloudJobPlan }) {
  const t = useT();
  const { index, request, plan } = props;
  return (
    <div className="cloud-rule-plan" data-testid="cloud-rule-plan">
      <p className="mono">{t("jobPlan.rule", { index, rule: request.processRule })}</p>
      <ul className="plain mono" aria-label={t("jobPlan.sampleLabel", { index })}>
        {plan.sample.map(({ input, output }) => (
          <li key={input} data-testid="cloud-plan-sample">
            {input} → {output}
          </li>
        ))}
      </ul>
      {plan.overwrites.length > 0 && (
        <p className="notice notice-warning" data-testid="cloud-plan-overwrites">
          {t("jobPlan.overwrites", { count: plan.overwrites.length, keys: listed(plan.overwrites) })}
        </p>
      )}
      {plan.shared.length > 0 && (
        <p className="notice notice-warning" data-testid="cloud-plan-shared">
          {t("jobPlan.shared", { keys: listed(plan.shared) })}
        </p>
      )}
    </div>
  );
}
