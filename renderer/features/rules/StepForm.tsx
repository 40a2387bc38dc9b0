import { formatRule } from "../../../shared/rules";
import { useT } from "../../i18n";
import { useBucketStyles } from "./context";
import { ImageWatermarkForm } from "./forms/ImageWatermarkForm";
import { OperationForm } from "./forms/OperationForm";
import { TextWatermarkForm } from "./forms/TextWatermarkForm";
import { View2Form } from "./forms/View2Form";
import type { Step } from "./steps";

/** The form of one step; steps this version cannot edit are shown as the text they are, and kept. */
export function StepForm(props: { id: string; step: Step; onChange(step: Step, source: string): void }) {
  const t = useT();
  const styles = useBucketStyles((state) => state.styles);
  const { step, id } = props;
  if (step.kind === "op") {
    return (
      <OperationForm
        id={id}
        op={step.op}
        gravity={step.gravity}
        onChange={(op, source) => props.onChange({ ...step, op }, source)}
        onGravity={(gravity) => props.onChange({ ...step, gravity }, `${id}-gravity`)}
      />
    );
  }
  const { stage } = step;
  const change = (next: typeof stage, source: string) =>
    props.onChange({ kind: "stage", stage: next }, source);
  switch (stage.kind) {
    case "imageView2":
      return <View2Form id={id} stage={stage} onChange={change} />;
    case "watermark":
      return stage.type === 1 ? (
        <ImageWatermarkForm id={id} stage={stage} onChange={change} />
      ) : (
        <TextWatermarkForm id={id} stage={stage} onChange={change} />
      );
    case "style": {
      const body = styles?.find((style) => style.name === stage.name)?.body;
      return (
        <div className="step-form">
          <p>
            <code className="mono">style/{stage.name}</code>
          </p>
          <p className="hint">
            {body === undefined ? t("rules.style.bodyUnknown") : t("rules.style.body")}{" "}
            {body !== undefined && <code className="mono">{body}</code>}
          </p>
        </div>
      );
    }
    case "opaque":
      return (
        <div className="step-form">
          <code className="mono kept">{stage.text}</code>
          <p className="hint">{t("rules.step.kept")}</p>
        </div>
      );
    case "blindWatermark":
    case "imageSlim":
      return (
        <div className="step-form">
          <code className="mono">{formatRule({ stages: [stage] })}</code>
          <p className="hint">{t("rules.step.textOnly")}</p>
        </div>
      );
  }
}
