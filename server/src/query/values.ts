// Reading evaluated values: what a rule or a query may ask of a value (is it a known boolean,
// a known string, a known list) without reaching into the evaluator.

export { bool, isKnown, isWhollyKnown, items, num, str, toJson, type Value } from '../model/value';
