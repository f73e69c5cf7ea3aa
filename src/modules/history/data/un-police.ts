/**
 * Canada's monthly number of police in UN missions, 1990-11 to 2014-03: the `Police` column of
 * ../shared/data/canada-un-contributions-monthly-1990-2014.csv (IPI, "Providing for
 * Peacekeeping"), one figure per month in order, `-` where the file says NA (none reported).
 * Embedded so the generator needs no file at run time; data.test.ts checks it against the file
 * (a copy in test/fixtures).
 */
export const UN_POLICE_FROM = '1990-11';

const figures =
  '- - - - - - - - - - - - - - - - - - - - - 30 30 45 45 45 45 45 45 45 45 45 45 45 45 45 44 ' +
  '46 46 46 46 45 45 46 46 46 45 58 58 65 68 136 145 145 103 103 99 87 97 96 95 93 93 93 50 ' +
  '98 98 79 103 103 101 101 98 98 106 106 106 107 119 77 75 73 73 79 31 48 48 59 59 59 59 59 ' +
  '58 55 64 60 54 54 55 60 50 53 54 54 56 93 109 109 109 138 138 148 126 126 118 129 131 115 ' +
  '116 114 123 112 105 105 96 94 102 101 99 99 100 93 86 85 95 78 66 68 48 47 49 49 49 43 43 ' +
  '45 44 44 49 43 43 42 38 26 28 28 27 27 24 27 17 18 19 18 45 45 73 113 109 106 106 109 109 ' +
  '109 108 108 91 91 112 132 134 136 129 111 110 101 76 78 77 70 69 70 84 85 85 86 85 74 76 ' +
  '77 70 74 75 101 107 92 109 107 104 107 108 106 112 105 96 115 112 112 112 107 127 119 121 ' +
  '121 127 124 123 124 120 115 86 106 106 99 126 152 125 157 139 141 139 142 161 158 159 155 ' +
  '154 153 142 150 155 163 156 152 160 157 130 130 119 118 116 116 116 119 119 119 99 100 100 ' +
  '99 92 92 92 93 91 82 82 82 81 88 87 ';

/** The figures by month ('YYYY-MM'), NA as 0. */
export const unPoliceByMonth: ReadonlyMap<string, number> = new Map(
  figures
    .trim()
    .split(/\s+/)
    .map((value, i) => {
      const month = new Date(Date.UTC(1990, 10 + i, 1)).toISOString().slice(0, 7);
      return [month, value === '-' ? 0 : Number(value)] as const;
    }),
);
