/** The kinds of risk mark, in the order the filters and the form offer them. */
export const KINDS = [
  'close-contact',
  'secondary-contact',
  'trace-list',
  'left-zone',
  'fever-clinic',
  'arrival',
] as const;
