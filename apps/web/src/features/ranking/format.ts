/** Points with up to two decimals, in the UI language's notation ("—" for none): ui/format-number. */
export { formatPoints } from '../../ui/format-number';
