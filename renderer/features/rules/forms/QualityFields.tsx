import { limitOf, type QualitySetting } from "../../../../shared/rules";
import { useT } from "../../../i18n";
import { QUALITY_KINDS } from "./formats";
import { NumberField } from "./NumberField";

/** The limit table names quality by the imageMogr2 operation that carries it. */
const LIMITS = {
  absolute: limitOf("quality", "quality"),
  relative: limitOf("rquality", "quality"),
  floor: limitOf("lquality", "quality"),
};

/** Absolute, relative or lowest quality, shared by imageMogr2 and imageView2 (reference §7.3). */
export function QualityFields(props: {
  id: string;
  quality: QualitySetting;
  onChange(quality: QualitySetting, source: string): void;
}) {
  const t = useT();
  const { quality, id } = props;
  return (
    <>
      <fieldset className="choices">
        <legend>{t("rules.quality.kind")}</legend>
        {(Object.keys(QUALITY_KINDS) as QualitySetting["kind"][]).map((kind) => (
          <label key={kind} className="choice">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={quality.kind === kind}
              onChange={() =>
                props.onChange(
                  { ...quality, kind, force: kind === "absolute" && quality.force },
                  `${id}-kind`,
                )
              }
            />
            <span>{t(QUALITY_KINDS[kind])}</span>
          </label>
        ))}
      </fieldset>
      <div className="grid-2">
        <NumberField
          id={`${id}-value`}
          label={t("rules.field.quality")}
          limit={LIMITS[quality.kind]}
          value={quality.value}
          onChange={(value) => value !== undefined && props.onChange({ ...quality, value }, `${id}-value`)}
        />
        {quality.kind === "absolute" && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={quality.force}
              onChange={(event) => props.onChange({ ...quality, force: event.target.checked }, `${id}-force`)}
            />
            {t("rules.quality.force")}
          </label>
        )}
      </div>
    </>
  );
}
