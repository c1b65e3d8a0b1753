/**
 * Officials the classifier recognises, each under one canonical name. Patterns are folded like all
 * rules (see rules.ts): Latin diacritics removed, `й`→`и`, `ё`→`е`; case-insensitive; any
 * inflectional ending may follow (Блинкенмен, Токаева, Tokayev's). Add a person by adding a row.
 * Surnames that are common words or shared by others carry the first name in the pattern.
 */
import type { PersonRule } from './rules';

export const PEOPLE: PersonRule[] = [
  // --- Kazakhstan: presidents, prime ministers, foreign ministers, deputies, spokespeople, ambassadors
  { canonical: 'Kassym-Jomart Tokayev', country: 'KZ', patterns: ['tokayev', 'tokaev', 'toqaev', 'токаев', 'тоқаев'] },
  { canonical: 'Nursultan Nazarbayev', country: 'KZ', patterns: ['nazarbayev', 'nazarbaev', 'назарбаев'] },
  { canonical: 'Mukhtar Tileuberdi', country: 'KZ', patterns: ['tileuberdi', 'tileyberdi', 'тлеуберди', 'тілеуберді'] },
  { canonical: 'Murat Nurtleu', country: 'KZ', patterns: ['nurtleu', 'nurtley', 'нуртлеу', 'нұртлеу'] },
  { canonical: 'Beibut Atamkulov', country: 'KZ', patterns: ['atamkulov', 'атамкулов', 'атамқұлов'] },
  { canonical: 'Kairat Abdrakhmanov', country: 'KZ', patterns: ['kairat abdrakhmanov', 'кайрат абдрахманов', 'қайрат әбдірахманов'] },
  { canonical: 'Erlan Idrissov', country: 'KZ', patterns: ['idrissov', 'idrisov', 'идрисов', 'ыдырысов'] },
  { canonical: 'Yerzhan Kazykhanov', country: 'KZ', patterns: ['kazykhanov', 'казыханов', 'қазыханов'] },
  { canonical: 'Roman Vassilenko', country: 'KZ', patterns: ['vassilenko', 'vasilenko', 'василенко', 'vasılenko'] },
  { canonical: 'Aibek Smadiyarov', country: 'KZ', patterns: ['smadiyarov', 'smadiiarov', 'smadiarov', 'смадияров'] },
  { canonical: 'Yerzhan Ashikbayev', country: 'KZ', patterns: ['ashikbayev', 'ashikbaev', 'ашикбаев', 'әшікбаев'] },
  { canonical: 'Yermek Kosherbayev', country: 'KZ', patterns: ['kosherbayev', 'kosherbaev', 'кошербаев', 'көшербаев'] },
  { canonical: 'Alibek Bakayev', country: 'KZ', patterns: ['bakayev', 'bakaev', 'бакаев', 'бақаев'] },
  { canonical: 'Kairat Umarov', country: 'KZ', patterns: ['kairat umarov', 'кайрат умаров', 'қайрат омаров', 'qairat omarov', 'umarov'] },
  { canonical: 'Akan Rakhmetullin', country: 'KZ', patterns: ['rakhmetullin', 'rahmetullin', 'рахметуллин'] },
  { canonical: 'Alibek Kuantyrov', country: 'KZ', patterns: ['kuantyrov', 'куантыров', 'қуантыров'] },
  { canonical: 'Zhigalov', country: 'KZ', patterns: ['zhigalov', 'жигалов'] },
  { canonical: 'Askar Mamin', country: 'KZ', patterns: ['askar mamin', 'аскар мамин', 'асқар мамин', 'mamin'] },
  { canonical: 'Alikhan Smailov', country: 'KZ', patterns: ['smailov', 'смаилов'] },
  { canonical: 'Olzhas Bektenov', country: 'KZ', patterns: ['bektenov', 'бектенов'] },
  { canonical: 'Magzum Mirzagaliyev', country: 'KZ', patterns: ['mirzagaliyev', 'mirzagaliev', 'мирзагалиев'] },

  // --- United States: presidents, vice presidents, secretaries, envoys, ambassadors
  { canonical: 'Joe Biden', country: 'US', patterns: ['biden', 'байден', 'baiden'] },
  { canonical: 'Donald Trump', country: 'US', patterns: ['trump', 'трамп'] },
  { canonical: 'Barack Obama', country: 'US', patterns: ['obama', 'обама'] },
  { canonical: 'Kamala Harris', country: 'US', patterns: ['kamala harris', 'камала харрис', 'harris', 'харрис'] },
  { canonical: 'JD Vance', country: 'US', patterns: ['j\\.? ?d\\.? vance', 'vance', 'вэнс', 'вэнс'] },
  { canonical: 'Antony Blinken', country: 'US', patterns: ['blinken', 'блинкен'] },
  { canonical: 'Marco Rubio', country: 'US', patterns: ['rubio', 'рубио'] },
  { canonical: 'John Kerry', country: 'US', patterns: ['kerry', 'керри'] },
  { canonical: 'Mike Pompeo', country: 'US', patterns: ['pompeo', 'помпео'] },
  { canonical: 'Rex Tillerson', country: 'US', patterns: ['tillerson', 'тиллерсон'] },
  { canonical: 'Hillary Clinton', country: 'US', patterns: ['hillary clinton', 'хиллари клинтон'] },
  { canonical: 'Donald Lu', country: 'US', patterns: ['donald lu', 'дональд лу'] },
  { canonical: 'Daniel Rosenblum', country: 'US', patterns: ['rosenblum', 'розенблюм', 'rozenbl'] },
  { canonical: 'William Moser', country: 'US', patterns: ['william moser', 'уильям мозер', 'moser', 'мозер'] },
  { canonical: 'George Krol', country: 'US', patterns: ['george krol', 'джордж крол'] },
  { canonical: 'Sergio Gor', country: 'US', patterns: ['sergio gor', 'серджио гор', 'серхио гор'] },
  { canonical: 'Christopher Landau', country: 'US', patterns: ['landau', 'ландау'] },
  { canonical: 'Marie Yovanovitch', country: 'US', patterns: ['yovanovitch', 'йованович'] },
  { canonical: 'Lloyd Austin', country: 'US', patterns: ['lloyd austin', 'ллойд остин'] },
  { canonical: 'Jennifer Granholm', country: 'US', patterns: ['granholm', 'грэнхолм', 'гранхольм'] },

  // --- The other C5 states
  { canonical: 'Shavkat Mirziyoyev', country: 'C5', patterns: ['mirziyoyev', 'mirziyoev', 'mirzioyev', 'мирзиеев', 'мирзиёев'] },
  { canonical: 'Sadyr Japarov', country: 'C5', patterns: ['japarov', 'zhaparov', 'жапаров'] },
  { canonical: 'Emomali Rahmon', country: 'C5', patterns: ['rahmon', 'rakhmon', 'рахмон'] },
  { canonical: 'Gurbanguly Berdimuhamedov', country: 'C5', patterns: ['gurbanguly berdimuhamedov', 'гурбангулы бердымухамедов'] },
  { canonical: 'Serdar Berdimuhamedov', country: 'C5', patterns: ['berdimuhamedov', 'berdymukhamedov', 'бердымухамедов'] },
  { canonical: 'Bakhtiyor Saidov', country: 'C5', patterns: ['saidov', 'саидов'] },
  { canonical: 'Abdulaziz Kamilov', country: 'C5', patterns: ['kamilov', 'камилов'] },
  { canonical: 'Jeenbek Kulubaev', country: 'C5', patterns: ['kulubaev', 'kulubayev', 'кулубаев'] },
  { canonical: 'Sirojiddin Muhriddin', country: 'C5', patterns: ['muhriddin', 'mukhriddin', 'мухриддин'] },
  { canonical: 'Rashid Meredov', country: 'C5', patterns: ['meredov', 'мередов'] },
];
