/** A small group of radio buttons drawn as a segmented control: arrow keys move between options. */
export function Choice<Value extends string>(props: {
  legend: string;
  name: string;
  value: Value;
  options: { value: Value; label: string }[];
  onChange(value: Value): void;
}) {
  return (
    <fieldset className="preview-choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className={option.value === props.value ? "selected" : undefined}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={option.value === props.value}
            onChange={() => props.onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
