import {
  formatRule,
  type Gravity,
  limitOf,
  type Mogr2Op,
  type RuleImageFormat,
} from "../../../../shared/rules";
import { useT } from "../../../i18n";
import { describedBy, Field } from "../../../ui/Field";
import { FORMAT_NOTES } from "./formats";
import { GravityPicker } from "./GravityPicker";
import { NumberField } from "./NumberField";
import { QualityFields } from "./QualityFields";
import { ThumbnailForm } from "./ThumbnailForm";

type Change = (op: Mogr2Op, source: string) => void;

/** The form of one imageMogr2 operation; a crop also places itself with the gravity after it. */
export function OperationForm(props: {
  id: string;
  op: Mogr2Op;
  gravity: Gravity | undefined;
  onChange: Change;
  onGravity(gravity: Gravity): void;
}) {
  const t = useT();
  const { op, id } = props;
  const number = (field: string, value: number | undefined) =>
    props.onChange({ ...op, [field]: value } as Mogr2Op, `${id}-${field}`);

  switch (op.op) {
    case "thumbnail":
      return (
        <ThumbnailForm
          id={id}
          geometry={op.geometry}
          onChange={(geometry, source) => props.onChange({ ...op, geometry }, source)}
        />
      );
    case "crop":
      return (
        <div className="step-form">
          <p className="hint">{t("rules.crop.help")}</p>
          <div className="grid-2">
            <NumberField
              id={`${id}-width`}
              label={t("rules.field.width")}
              limit={limitOf("crop", "width")}
              value={op.width}
              optional
              onChange={(v) => number("width", v)}
            />
            <NumberField
              id={`${id}-height`}
              label={t("rules.field.height")}
              limit={limitOf("crop", "height")}
              value={op.height}
              optional
              onChange={(v) => number("height", v)}
            />
          </div>
          <GravityPicker
            label={t("rules.field.position")}
            value={props.gravity}
            fallback="center"
            onChange={props.onGravity}
          />
        </div>
      );
    case "cut":
      return (
        <div className="step-form">
          <p className="hint">{t("rules.cut.help")}</p>
          <div className="grid-2">
            <NumberField
              id={`${id}-width`}
              label={t("rules.field.width")}
              limit={limitOf("cut", "width")}
              value={op.width}
              onChange={(v) => number("width", v)}
            />
            <NumberField
              id={`${id}-height`}
              label={t("rules.field.height")}
              limit={limitOf("cut", "height")}
              value={op.height}
              onChange={(v) => number("height", v)}
            />
            <NumberField
              id={`${id}-dx`}
              label={t("rules.field.left")}
              limit={limitOf("cut", "dx")}
              value={op.dx}
              onChange={(v) => number("dx", v)}
            />
            <NumberField
              id={`${id}-dy`}
              label={t("rules.field.top")}
              limit={limitOf("cut", "dy")}
              value={op.dy}
              onChange={(v) => number("dy", v)}
            />
          </div>
        </div>
      );
    case "scrop":
      return (
        <div className="step-form grid-2">
          <NumberField
            id={`${id}-width`}
            label={t("rules.field.width")}
            limit={limitOf("scrop", "width")}
            value={op.width}
            onChange={(v) => number("width", v)}
          />
          <NumberField
            id={`${id}-height`}
            label={t("rules.field.height")}
            limit={limitOf("scrop", "height")}
            value={op.height}
            onChange={(v) => number("height", v)}
          />
        </div>
      );
    case "iradius":
    case "rradius":
      return (
        <div className="step-form">
          <NumberField
            id={`${id}-radius`}
            label={t("rules.field.radius")}
            limit={limitOf(op.op, "radius")}
            value={op.radius}
            onChange={(v) => number("radius", v)}
          />
        </div>
      );
    case "rotate":
      return (
        <div className="step-form">
          <NumberField
            id={`${id}-degrees`}
            label={t("rules.field.angle")}
            limit={limitOf("rotate", "degrees")}
            value={op.degrees}
            onChange={(v) => number("degrees", v)}
          />
        </div>
      );
    case "sharpen":
    case "bright":
    case "contrast":
      return (
        <div className="step-form">
          <NumberField
            id={`${id}-amount`}
            label={t("rules.field.amount")}
            limit={limitOf(op.op, "amount")}
            value={op.amount}
            onChange={(v) => number("amount", v)}
          />
        </div>
      );
    case "blur":
      return (
        <div className="step-form grid-2">
          <NumberField
            id={`${id}-radius`}
            label={t("rules.field.radius")}
            limit={limitOf("blur", "radius")}
            value={op.radius}
            onChange={(v) => number("radius", v)}
          />
          <NumberField
            id={`${id}-sigma`}
            label={t("rules.field.sigma")}
            limit={limitOf("blur", "sigma")}
            value={op.sigma}
            onChange={(v) => number("sigma", v)}
          />
        </div>
      );
    case "format":
      return (
        <div className="step-form">
          <Field id={`${id}-format`} label={t("rules.field.format")} hint={t(FORMAT_NOTES[op.format])}>
            <select
              id={`${id}-format`}
              value={op.format}
              onChange={(event) =>
                props.onChange({ ...op, format: event.target.value as RuleImageFormat }, `${id}-format`)
              }
              {...describedBy(`${id}-format`, "hint")}
            >
              {(Object.keys(FORMAT_NOTES) as RuleImageFormat[]).map((format) => (
                <option key={format} value={format}>
                  {format}
                </option>
              ))}
            </select>
          </Field>
        </div>
      );
    case "quality":
      return (
        <div className="step-form">
          <QualityFields
            id={id}
            quality={op.quality}
            onChange={(quality, source) => props.onChange({ ...op, quality }, source)}
          />
        </div>
      );
    case "grayscale":
    case "interlace":
      return (
        <div className="step-form">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={op.enabled}
              onChange={(event) => props.onChange({ ...op, enabled: event.target.checked }, `${id}-enabled`)}
            />
            {t(op.op === "grayscale" ? "rules.grayscale.enabled" : "rules.interlace.enabled")}
          </label>
        </div>
      );
    case "gravity":
      return (
        <div className="step-form">
          <GravityPicker
            label={t("rules.field.position")}
            value={op.gravity}
            fallback="center"
            onChange={(gravity) => props.onChange({ ...op, gravity }, `${id}-gravity`)}
          />
        </div>
      );
    case "auto-orient":
    case "strip":
    case "ignore-error":
      return (
        <p className="hint step-form">
          {t(
            op.op === "strip"
              ? "rules.strip.help"
              : op.op === "auto-orient"
                ? "rules.autoOrient.help"
                : "rules.ignoreError.help",
          )}
        </p>
      );
    case "unknown":
      return (
        <div className="step-form">
          <code className="mono kept">{[op.name, ...op.args].join("/")}</code>
          <p className="hint">{t("rules.step.kept")}</p>
        </div>
      );
    default:
      // Operations without a form yet are edited in the rule text; the step shows what it says.
      return (
        <div className="step-form">
          <code className="mono">
            {formatRule({ stages: [{ kind: "imageMogr2", ops: [op] }] }).slice(11)}
          </code>
          <p className="hint">{t("rules.step.textOnly")}</p>
        </div>
      );
  }
}
