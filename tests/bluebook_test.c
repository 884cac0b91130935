/* bluebook_test.c: the parser, on the built-in chapter and on small fixtures
 * taken from its hardest passages: joins across page breaks, footnotes per
 * scope, the start and end of each column, captions, the table and its
 * notes, the ruby, and the stray page number. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "bluebook.h"
#include "format.h"
#include "tap.h"
#include "text.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

static struct doc D; /* the built-in chapter */

static void
load(struct doc *d, const char *s, size_t n)
{
	size_t len;
	char *t = text_decode((const uint8_t *)s, n, &len, NULL);
	format_parse(&format_bluebook, t, len, d);
	free(t);
}

/* Is span S of block B a ruby over BASE reading READING? */
static int
ruby_is(const struct doc *d, int b, uint32_t s, const char *base, const char *reading)
{
	const struct block *bl = &d->blocks[b];
	const struct span *sp = &bl->spans[s];
	return s < bl->nspans && sp->kind == SPAN_RUBY && sp->end - sp->start == strlen(base) &&
	       strncmp(bl->text + sp->start, base, strlen(base)) == 0 &&
	       strcmp(doc_ann(d, sp->ref), reading) == 0;
}

/* The first block whose text contains S, or -1. */
static int
find(const struct doc *d, const char *s)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, s))
			return (int)i;
	return -1;
}

static int
count_kind(const struct doc *d, enum block_kind k)
{
	int n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].kind == k;
	return n;
}

static int
count_containing(const struct doc *d, const char *s)
{
	int n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		n += strstr(d->blocks[i].text, s) != NULL;
	return n;
}

/* The text around a page break, from both sides, is in one paragraph. */
static void
joined(const char *before, const char *after, const char *name)
{
	struct buf b = {0};
	int i;
	buf_adds(&b, before);
	buf_adds(&b, after);
	i = find(&D, b.p);
	int alone = 0;
	for (size_t k = 0; k < D.nblocks; k++)
		if (strncmp(D.blocks[k].text + D.blocks[k].body, after, strlen(after)) == 0)
			alone = 1;
	tap_ok(i >= 0 && D.blocks[i].kind == BLK_PARA && count_containing(&D, b.p) == 1 && !alone,
	       "join: %s", name);
	buf_free(&b);
}

static void
test_joins(void)
{
	joined("国際民間航空", "機関（ICAO）⁽²⁾では", "a paragraph cut by a page break");
	joined("戦略的パートナーで", "ある。", "a two-character tail");
	joined("JPFは、2025年には、ミャン", "マー中部地震",
	       "across footnote definitions and a page number");
	joined("派遣されるなどし", "ている。", "a tail after a page break");
	joined("持続可能な事業として成り", "立たせる工夫", "inside a column");
	joined("群馬県の地酒を", "始め日本産酒類", "a paragraph break mid-phrase");
	joined("様々なブースを設けるとともに、", "ステージでは「おわら風の盆」",
	       "across three photo captions");
	joined("駐日外交団などの参加者と", "の交流の促進", "a particle carried over");
	joined("様々な取組を通じて、", "日本の自治体と海外との間",
	       "across a caption with a date line and a caption after a space line");
	joined("「グローバル通信」⁽⁷⁾を配信", "し、加えて「X」⁽⁸⁾",
	       "across two footnote definitions with URLs");
	joined("日本の「伝", "統的酒造り」がユネスコ無形文化遺産に登録されている点", "inside a quotation");
	{
		int i = find(&D, "ステージでは「おわら風の盆」");
		int c = find(&D, "富山県知事との共催レセプション");
		tap_ok(i >= 0 && c > i && D.blocks[c].kind == BLK_CAPTION,
		       "captions that cut a paragraph come after it");
	}
}

static void
test_footnotes(void)
{
	static const char *const main_notes[] = {
		"UPU : Universal Postal Union",
		"ICAO : International Civil Aviation Organization",
		"ITLOS : International Tribunal for the Law of the Sea",
		"<https://www.mofa-irc.go.jp/>",
		"上記脚注1のサイトの「お知らせ」に掲載",
		"「グローバル外交ネット」については外務省ホームページ参照：<https://www.mofa.go.jp/mofaj/gaiko/local/index.html>",
		"「グローバル通信」については外務省ホームページ参照：https://www.mofa.go.jp/mofaj/ms/lpc/page25_001870.html",
		"地方連携推進室X：<https://twitter.com/localmofa>",
	};
	int ok = 1;
	for (int n = 1; n <= 8; n++) {
		int32_t f = doc_find_note(&D, -1, n);
		size_t len;
		const char *t;
		if (f < 0 || D.notes[f].def < 0 || D.notes[f].ref < 0) {
			tap_diag("main footnote %d missing", n);
			ok = 0;
			continue;
		}
		t = block_title(&D.blocks[D.notes[f].def], &len);
		if (strcmp(t, main_notes[n - 1]) != 0) {
			tap_diag("footnote %d: [%s]", n, t);
			ok = 0;
		}
		{
			char ref[32];
			static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
			snprintf(ref, sizeof ref, "⁽%s⁾", sup[n]);
			if (!strstr(D.blocks[D.notes[f].ref].text, ref)) {
				tap_diag("footnote %d: reference block lacks %s", n, ref);
				ok = 0;
			}
		}
	}
	tap_ok(ok, "main text footnotes (1) to (8): definitions attached to their references");
	{
		int32_t f1 = doc_find_note(&D, 0, 1), f2 = doc_find_note(&D, 0, 2);
		size_t len;
		tap_ok(f1 >= 0 && f2 >= 0 && D.notes[f1].def >= 0 && D.notes[f2].def >= 0 &&
		           strcmp(block_title(&D.blocks[D.notes[f1].def], &len),
		                  "ICAO：International Civil Aviation Organization") == 0 &&
		           strncmp(block_title(&D.blocks[D.notes[f2].def], &len), "JPO派遣制度：", 18) == 0,
		       "column footnotes 1 and 2 are numbered in the column's own scope");
		tap_ok(f1 >= 0 && D.blocks[D.notes[f1].ref].column == 0 &&
		           strstr(D.blocks[D.notes[f1].ref].text, "（ICAO）¹は"),
		       "a bare superscript in a column is a reference");
	}
	{
		int h = find(&D, "非政府組織 (NGO) の活躍");
		int u = find(&D, "UPU : Universal");
		tap_ok(h >= 0 && D.blocks[h].kind == BLK_HEADING && D.blocks[h].level == 2,
		       "(2) after its footnote was defined is a heading");
		tap_ok(u >= 0 && D.blocks[u].kind == BLK_FOOTNOTE, "(1) UPU : … is a footnote, not a heading");
		tap_ok(count_kind(&D, BLK_FOOTNOTE) == 10, "ten footnote definitions in all (%d)",
		       count_kind(&D, BLK_FOOTNOTE));
	}
	{
		/* spans: a footnote reference points at its footnote */
		int i = find(&D, "万国郵便連合（UPU）⁽¹⁾");
		int ok2 = 0;
		if (i >= 0)
			for (uint32_t s = 0; s < D.blocks[i].nspans; s++) {
				const struct span *sp = &D.blocks[i].spans[s];
				if (sp->kind == SPAN_FNREF && sp->ref == doc_find_note(&D, -1, 1) &&
				    strncmp(D.blocks[i].text + sp->start, "⁽¹⁾", sp->end - sp->start) == 0)
					ok2 = 1;
			}
		tap_ok(ok2, "footnote reference span covers ⁽¹⁾ and names footnote 1");
	}
}

static void
test_columns(void)
{
	static const char *const titles[] = {
		"大沼俊之国際民間航空機関（ICAO）理事会議長の選出",
		"国連の舞台を支えてきた日本人の声",
		"支援の輪で、未来をつくる：",
		"独立行政法人国際協力機構（JICA）海外協力隊発足60周年",
	};
	/* the last block of each column, and the block after it */
	static const char *const last[] = {
		"国際民間航空分野における国際基準の策定",
		"国連安全保障理事会の会合で",
		"グローバルフェスタ JAPAN 2025",
		"「海洋ごみゼロの世界」に繋がる道",
	};
	static const char *const after[] = {
		"国連の舞台を支えてきた日本人の声",
		"国連機関の国別職員数",
		"独立行政法人国際協力機構（JICA）海外協力隊発足60周年",
		"地方自治体などとの連携",
	};
	tap_ok(D.ncols == 4, "four columns (%zu)", D.ncols);
	for (size_t c = 0; c < 4 && c < D.ncols; c++) {
		const struct column *col = &D.cols[c];
		const struct block *h = &D.blocks[col->head];
		int e = col->end - 1;
		while (e > col->head && D.blocks[e].kind == BLK_FOOTNOTE)
			e--;
		tap_ok(h->kind == BLK_COLUMN && strncmp(h->text, titles[c], strlen(titles[c])) == 0 &&
		           (h->text[strlen(titles[c])] == '\0' || h->text[strlen(titles[c])] == '\n'),
		       "column %zu: title", c + 1);
		tap_ok(strstr(D.blocks[e].text, last[c]) != NULL, "column %zu: its last block", c + 1);
		tap_ok(col->end < (int32_t)D.nblocks && strstr(D.blocks[col->end].text, after[c]) &&
		           (D.blocks[col->end].column < 0 ||
		            (c + 1 < D.ncols && col->end == D.cols[c + 1].head)),
		       "column %zu: the main text resumes after it", c + 1);
		for (int32_t b = col->head + 1; b < col->end; b++)
			if (D.blocks[b].column != (int32_t)c) {
				tap_diag("block %d in column %zu has column %d", b, c, D.blocks[b].column);
				tap_ok(0, "column %zu: all blocks in scope", c + 1);
				break;
			}
	}
	tap_ok(D.ncols == 4 &&
	           strcmp(D.blocks[D.cols[1].head].text, "国連の舞台を支えてきた日本人の声\n"
	                                                 "紛争の予防と平和的解決を追求する国連キャリアを志して") == 0,
	       "a column subtitle is split from its title (a line of the column's text: it is searched)");
	tap_ok(D.ncols == 4 && strcmp(D.blocks[D.cols[2].head].text,
	                              "支援の輪で、未来をつくる：\nジャパン・プラットフォーム 設立25周年") == 0,
	       "a subtitle keeps its own spaces");
	{
		int b1 = find(&D, "後藤 佳世子"), b2 = find(&D, "江川 裕基");
		tap_ok(b1 >= 0 && D.blocks[b1].kind == BLK_BYLINE && D.blocks[b1].column == 1,
		       "byline: role + name in column 2");
		tap_ok(b2 >= 0 && D.blocks[b2].kind == BLK_BYLINE && D.blocks[b2].column == 3,
		       "byline after a sub-heading in column 4");
	}
	{
		int s1 = find(&D, "JICA 海外協力隊発足60周年記念式典");
		int s2 = find(&D, "JICA 海外協力隊経験者の声");
		tap_ok(s1 >= 0 && D.blocks[s1].kind == BLK_SUBHEAD && s2 >= 0 &&
		           D.blocks[s2].kind == BLK_SUBHEAD && D.blocks[s2].column == 3,
		       "■ sub-headings in a column");
	}
	{
		int p = find(&D, "国際社会におけるルール形成を主導し");
		int q = find(&D, "国際機関勤務を志望する日本人に対しては");
		tap_ok(p >= 0 && D.blocks[p].column < 0 && q >= 0 && D.blocks[q].column < 0,
		       "paragraphs around the columns stay in the main text");
	}
}

static void
test_figures(void)
{
	int t = find(&D, "国連機関の国別職員数");
	int cap = find(&D, "現地でのレセプションにおける大沼氏の挨拶");
	tap_ok(t >= 0 && D.blocks[t].kind == BLK_TABLE &&
	           strcmp(D.blocks[t].text, "国連機関の国別職員数 (国連調べ、専門職以上)") == 0 &&
	           D.blocks[t].column < 0,
	       "the table with missing data is a figure of the main text");
	tap_ok(t >= 0 && (size_t)t + 4 < D.nblocks && D.blocks[t + 1].kind == BLK_TABLE_NOTE &&
	           D.blocks[t + 2].kind == BLK_TABLE_NOTE && D.blocks[t + 3].kind == BLK_TABLE_NOTE &&
	           D.blocks[t + 4].kind == BLK_TABLE_NOTE &&
	           strncmp(D.blocks[t + 2].text, "(注2)", 5) == 0 &&
	           strcmp(D.blocks[t + 4].text, "出典：国連資料 (CEB/2025/HLCM/HR/11)") == 0,
	       "its notes (注1)-(注3) and 出典 follow it");
	tap_ok(cap >= 0 && D.blocks[cap].kind == BLK_CAPTION &&
	           strcmp(D.blocks[cap].text,
	                  "現地でのレセプションにおける大沼氏の挨拶(11月27日、カナダ・モントリオール)") == 0,
	       "a caption with its date line");
	tap_ok(count_kind(&D, BLK_CAPTION) == 18, "eighteen photo captions (%d)", count_kind(&D, BLK_CAPTION));
	{
		int c2 = find(&D, "旧開谷学校を訪れた外交団");
		tap_ok(c2 >= 0 && D.blocks[c2].kind == BLK_CAPTION &&
		           strstr(D.blocks[c2].text, "（10月30日、岡山県備前市）"),
		       "a caption whose date line stands on its own line");
	}
}

static void
test_structure(void)
{
	int ch = find(&D, "国民と共にある外交");
	tap_ok(ch >= 0 && D.blocks[ch].kind == BLK_CHAPTER &&
	           strcmp(D.blocks[ch].text, "第4章　国民と共にある外交") == 0,
	       "chapter heading");
	tap_ok(count_kind(&D, BLK_CONTENTS) == 3, "three contents entries");
	{
		int c1 = find(&D, "第1節　世界とのつながり"), c2 = find(&D, "第2節　海外における");
		tap_ok(c1 >= 0 && D.blocks[c1].kind == BLK_CONTENTS && D.blocks[c1].has_body &&
		           strcmp(D.blocks[c1].aux, "312") == 0 && D.blocks[D.blocks[c1].section].kind == BLK_SECTION,
		       "section 1 in the contents has its body");
		tap_ok(c2 >= 0 && !D.blocks[c2].has_body && strcmp(D.blocks[c2].aux, "324") == 0,
		       "section 2 has no body here");
	}
	{
		static const struct {
			const char *text;
			int level;
		} h[] = {
			{"1　外国人との秩序ある共生社会の実現に向けた外務省の貢献", 1},
			{"(1)　総論", 2},
			{"ア　開発協力分野", 3},
			{"①　そのほかの主要外交分野での連携", 4},
			{"3　地方自治体などとの連携", 1},
		};
		int ok = 1;
		for (size_t i = 0; i < sizeof h / sizeof *h; i++) {
			int b = find(&D, h[i].text);
			if (b < 0 || D.blocks[b].kind != BLK_HEADING || D.blocks[b].level != h[i].level) {
				tap_diag("heading %s", h[i].text);
				ok = 0;
			}
		}
		tap_ok(ok, "numbered headings by depth: 1 > (1) > ア > ①");
		tap_ok(count_kind(&D, BLK_HEADING) == 11, "eleven numbered headings (%d)",
		       count_kind(&D, BLK_HEADING));
	}
	{
		int r = find(&D, "大使館の微博");
		int ok = r >= 0 && !strstr(D.blocks[r].text, "^{") && !strstr(D.blocks[r].text, "ウェイボー");
		if (ok) {
			ok = 0;
			for (uint32_t s = 0; s < D.blocks[r].nspans; s++)
				if (ruby_is(&D, r, s, "微博", "ウェイボー"))
					ok = 1;
		}
		tap_ok(ok, "ruby ^{ウェイボー} is the reading of 微博 (an annotation over it), never ^{…}");
		tap_ok(count_containing(&D, "^{") == 0, "no ^{ anywhere");
	}
	{
		int ok = 1;
		for (size_t i = 0; i < D.nblocks; i++)
			if (strcmp(D.blocks[i].text, "(4)") == 0 || strstr(D.blocks[i].text, "ミャン(4)"))
				ok = 0;
		tap_ok(ok, "the stray page number (4) is dropped");
	}
	{
		int x = find(&D, "314ページ コラム参照"), ok = 0;
		if (x >= 0)
			for (uint32_t s = 0; s < D.blocks[x].nspans; s++)
				if (D.blocks[x].spans[s].kind == SPAN_XREF &&
				    strncmp(D.blocks[x].text + D.blocks[x].spans[s].start, "314ページ コラム参照",
				            D.blocks[x].spans[s].end - D.blocks[x].spans[s].start) == 0)
					ok = 1;
		tap_ok(ok, "a cross-reference is kept as text and marked");
	}
	{
		struct toc_entry *toc;
		size_t n = doc_toc(&D, &toc);
		int cols = 0, nobody = 0;
		for (size_t i = 0; i < n; i++) {
			cols += toc[i].column;
			nobody += toc[i].no_body;
		}
		tap_ok(n == 19 && cols == 4 && nobody == 2 && toc[0].depth == 0 && toc[n - 1].no_body,
		       "table of contents: 19 entries, 4 columns, 2 sections without body");
		free(toc);
	}
}

/* Small fixtures: the rules one at a time. */
static void
test_fixtures(void)
{
	struct doc d;
	static const char heading_vs_note[] =
	    "(1) 総論\n\n本文⁽¹⁾の段落である。\n\n(1) UPU : Universal Postal Union\n\n(2) 次の見出し\n";
	load(&d, heading_vs_note, sizeof heading_vs_note - 1);
	tap_ok(d.nblocks == 4 && d.blocks[0].kind == BLK_HEADING && d.blocks[2].kind == BLK_FOOTNOTE &&
	           d.blocks[3].kind == BLK_HEADING,
	       "fixture: (N) is a footnote only while ⁽N⁾ awaits its definition");
	doc_free(&d);

	static const char column_end[] =
	    "コラム\n\nCOLUMN\n\n題名\n\n本文です。¹\n\n1 注の定義\n\n地の文である。\n";
	load(&d, column_end, sizeof column_end - 1);
	tap_ok(d.ncols == 1 && d.blocks[d.cols[0].end].kind == BLK_PARA &&
	           d.blocks[d.cols[0].end].column < 0 && d.blocks[2].kind == BLK_FOOTNOTE &&
	           d.blocks[2].column == 0,
	       "fixture: a column ends where the plain-style narrative resumes");
	doc_free(&d);

	static const char cut[] = "前半の文で\n\n\n\n写真の説明\n\n\n\n後半である。\n";
	load(&d, cut, sizeof cut - 1);
	tap_ok(d.nblocks == 2 && strcmp(d.blocks[0].text, "前半の文で後半である。") == 0 &&
	           d.blocks[1].kind == BLK_CAPTION,
	       "fixture: a caption inside a cut paragraph moves after it");
	doc_free(&d);

	static const char latin[] = "The text goes\n\non here.\n";
	load(&d, latin, sizeof latin - 1);
	tap_ok(d.nblocks == 1 && strcmp(d.blocks[0].text, "The text goes on here.") == 0,
	       "fixture: Latin words joined across a break keep a space");
	doc_free(&d);

	static const char ruby_before[] = "行くのは東京^{とうきょう}です。\n";
	load(&d, ruby_before, sizeof ruby_before - 1);
	tap_ok(d.nblocks == 1 && strcmp(d.blocks[0].text, "行くのは東京です。") == 0 &&
	           d.blocks[0].nspans == 1 && ruby_is(&d, 0, 0, "東京", "とうきょう"),
	       "fixture: a reading with no kanji after it belongs to the kanji before");
	doc_free(&d);

	/* headings follow their numbering */
	static const char twice[] = "(1)　総論\n\n本文である。\n\n(1)　総論の二\n\n本文である。\n\n(2)　各論\n";
	load(&d, twice, sizeof twice - 1);
	tap_ok(count_kind(&d, BLK_HEADING) == 2 && find(&d, "総論の二") >= 0 &&
	           d.blocks[find(&d, "総論の二")].kind == BLK_PARA,
	       "fixture: a (1) right after (1) is out of sequence: not a heading");
	doc_free(&d);
	static const char inside[] = "1　第一\n\n2　第二\n\n本文である。\n\n1　第一の中\n\n本文である。\n\n3　第三\n";
	load(&d, inside, sizeof inside - 1);
	tap_ok(count_kind(&d, BLK_HEADING) == 3 && d.blocks[find(&d, "第一の中")].kind == BLK_PARA,
	       "fixture: a 1 inside 2 is out of sequence: not a heading");
	doc_free(&d);

	/* definitions whose references were lost (no ⁽¹⁾ in Shift_JIS) */
	static const char lost[] = "万国郵便連合（UPU）???では日本人が務めている。\n\n"
	                           "(1) UPU : Universal Postal Union\n\n"
	                           "(2) 上記の機関のサイトに掲載\n\n"
	                           "(3) 外務省ホームページ参照：\n<https://www.mofa.go.jp/>\n";
	load(&d, lost, sizeof lost - 1);
	tap_ok(count_kind(&d, BLK_FOOTNOTE) == 3 && count_kind(&d, BLK_HEADING) == 0 && d.nnotes == 3 &&
	           d.notes[0].ref == 0 && d.notes[1].ref == 0 && d.notes[2].def >= 0,
	       "fixture: definitions after a paragraph, numbered in turn, are footnotes without their marks");
	doc_free(&d);
	static const char col_lost[] = "コラム\n\n題です\n\n国際民間航空機関（ICAO）?は設立されました。\n\n"
	                               "1 ICAO：International Civil Aviation Organization\n";
	load(&d, col_lost, sizeof col_lost - 1);
	tap_ok(count_kind(&d, BLK_FOOTNOTE) == 1 && count_kind(&d, BLK_HEADING) == 0 && d.nnotes == 1 &&
	           d.notes[0].column == 0,
	       "fixture: the same in a column, with its bare numbers");
	doc_free(&d);

	{
		/* two chapters one after the other: each reference finds its own
		 * footnote, though the numbers start again */
		struct buf two = {0};
		int ok = 1;
		buf_add(&two, yomu_chapter, yomu_chapter_len);
		buf_add(&two, "\n", 1);
		buf_add(&two, yomu_chapter, yomu_chapter_len);
		load(&d, two.p, two.len);
		for (size_t f = 0; f < d.nnotes; f++)
			if (d.notes[f].def < 0 || d.notes[f].ref < 0 || d.notes[f].ref > d.notes[f].def + 40 ||
			    d.notes[f].ref < 0 || (d.notes[f].def - d.notes[f].ref) > 60)
				ok = 0;
		tap_ok(d.nnotes == 20 && ok, "two copies of the chapter: 20 footnotes, each near its reference (%zu)",
		       d.nnotes);
		doc_free(&d);
		buf_free(&two);
	}

	load(&d, "", 0);
	tap_ok(d.nblocks == 0, "fixture: empty input, empty document");
	doc_free(&d);
	load(&d, "\n\n\n", 3);
	tap_ok(d.nblocks == 0, "fixture: only newlines, empty document");
	doc_free(&d);
}

/* Feeding the text in pieces (at line ends) gives the same document. */
static bool
same_doc(const struct doc *a, const struct doc *b)
{
	if (a->nblocks != b->nblocks || a->nnotes != b->nnotes || a->ncols != b->ncols ||
	    b->nfinal != b->nblocks || !b->complete)
		return false;
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct block *x = &a->blocks[i], *y = &b->blocks[i];
		if (x->kind != y->kind || x->level != y->level || x->column != y->column ||
		    x->len != y->len || strcmp(x->text, y->text) != 0 || x->nspans != y->nspans ||
		    x->has_body != y->has_body || x->section != y->section)
			return false;
		for (uint32_t k = 0; k < x->nspans; k++)
			if (x->spans[k].start != y->spans[k].start || x->spans[k].end != y->spans[k].end ||
			    x->spans[k].kind != y->spans[k].kind || x->spans[k].ref != y->spans[k].ref)
				return false;
	}
	for (size_t f = 0; f < a->nnotes; f++)
		if (a->notes[f].column != b->notes[f].column || a->notes[f].number != b->notes[f].number ||
		    a->notes[f].def != b->notes[f].def || a->notes[f].ref != b->notes[f].ref)
			return false;
	for (size_t c = 0; c < a->ncols; c++)
		if (a->cols[c].head != b->cols[c].head || a->cols[c].end != b->cols[c].end)
			return false;
	return true;
}

static void
test_pieces(void)
{
	size_t len;
	char *t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);
	int ok_every = 1, ok_rand = 1, final_ok = 1;
	struct doc d;

	/* one line at a time */
	{
		void *ps;
		doc_init(&d);
		ps = format_bluebook.begin(&d);
		for (size_t i = 0; i < len;) {
			const char *nl = memchr(t + i, '\n', len - i);
			size_t e = nl ? (size_t)(nl - t) + 1 : len;
			size_t before = d.nfinal;
			format_bluebook.feed(ps, t + i, e - i);
			if (d.nfinal < before || d.nfinal > d.nblocks)
				final_ok = 0;
			for (size_t b = 0; b < d.nfinal; b++)
				if (!d.blocks[b].text)
					final_ok = 0;
			i = e;
		}
		format_bluebook.end(ps);
		ok_every = same_doc(&D, &d);
		doc_free(&d);
	}
	/* pieces of random sizes, cut after a line end */
	srand(7);
	for (int round = 0; round < 20 && ok_rand; round++) {
		void *ps;
		doc_init(&d);
		ps = format_bluebook.begin(&d);
		for (size_t i = 0; i < len;) {
			size_t e = i + 1 + (size_t)(rand() % 6000);
			const char *nl;
			if (e >= len)
				e = len;
			else if ((nl = memchr(t + e, '\n', len - e)))
				e = (size_t)(nl - t) + 1;
			else
				e = len;
			format_bluebook.feed(ps, t + i, e - i);
			i = e;
		}
		format_bluebook.end(ps);
		ok_rand = same_doc(&D, &d);
		doc_free(&d);
	}
	tap_ok(ok_every, "fed one line at a time, the document is the same");
	tap_ok(ok_rand, "fed in pieces of random sizes, the document is the same");
	tap_ok(final_ok, "while feeding, final blocks only grow and are finished");
	free(t);
}

/* Are the blocks of T the last blocks of D? */
static int
same_end(const struct doc *d, const struct doc *t)
{
	size_t off;
	if (t->nblocks == 0 || t->nblocks > d->nblocks)
		return 0;
	off = d->nblocks - t->nblocks;
	for (size_t i = 0; i < t->nblocks; i++) {
		const struct block *a = &d->blocks[off + i], *b = &t->blocks[i];
		if (a->kind != b->kind || a->len != b->len || memcmp(a->text, b->text, a->len) != 0 ||
		    (a->column < 0) != (b->column < 0))
			return 0;
	}
	return 1;
}

static void
test_resync(void)
{
	static const char text[] = "前の段落の続き。\n\n1 見出し\n\n本文である。\n\n(2) 小見出し\n\n"
	                           "本文二である。\n\n(3) 脚注のような行である。\n\n最後の段落。\n";
	const size_t n = sizeof text - 1;
	const char *h1 = strstr(text, "1 見出し"), *last = strstr(text, "最後の段落");
	size_t len, whole_len, tries = 0, strong = 0, same = 0, weak = 0, weak_bad = 0;
	char *t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL), *two;
	struct doc whole;

	tap_ok(format_bluebook.resync(text, n, 0) == (size_t)(h1 - text),
	       "resync: the latest first-level heading, before later paragraphs");
	tap_ok(format_bluebook.resync(text, n, (size_t)(text + n - h1) + 1) == 0,
	       "resync: nothing leaves KEEP bytes after it: 0");
	tap_ok(format_bluebook.resync(strstr(text, "本文である"), strlen(strstr(text, "本文である")), 0) ==
	           (size_t)(last - strstr(text, "本文である")),
	       "resync: no heading: the latest paragraph after a sentence end, not a label line");
	tap_ok(format_bluebook.resync(h1, strlen(h1), 0) == (size_t)(last - h1),
	       "resync: the text's own first line is not a start (it may be cut)");
	tap_ok(format_bluebook.resync("文。\n\nコラム\n\n題\n\n本文です。\n", 33, 0) == strlen("文。\n\n"),
	       "resync: a column");
	tap_ok(format_bluebook.resync("", 0, 100) == 0 && format_bluebook.resync("一行だけ", 12, 0) == 0,
	       "resync: empty text, one line");

	/* the chapter twice: a tail cut at any line start of the second copy,
	 * parsed from its resync point, is the end of the whole parse whenever
	 * that point is a heading */
	two = xmalloc(2 * len + 2);
	memcpy(two, t, len);
	two[len] = '\n';
	memcpy(two + len + 1, t, len);
	whole_len = 2 * len + 1;
	format_parse(&format_bluebook, two, whole_len, &whole);
	for (size_t cut = len + 1; cut < whole_len; cut += 211) {
		const char *nl = memchr(two + cut, '\n', whole_len - cut);
		size_t from, r;
		struct doc td;
		if (!nl)
			break;
		from = (size_t)(nl - two) + 1;
		r = format_bluebook.resync(two + from, whole_len - from, 2000);
		tries++;
		if (r == 0)
			continue;
		format_parse(&format_bluebook, two + from + r, whole_len - from - r, &td);
		if (td.nblocks && (td.blocks[0].kind == BLK_HEADING || td.blocks[0].kind == BLK_COLUMN ||
		                   td.blocks[0].kind == BLK_SECTION || td.blocks[0].kind == BLK_CHAPTER)) {
			strong++;
			same += (size_t)same_end(&whole, &td);
		} else if (td.nblocks && td.blocks[0].kind == BLK_PARA) {
			/* a paragraph start: it is one in the whole parse too */
			const struct block *b = &td.blocks[0];
			int found = 0;
			for (size_t i = 0; i < whole.nblocks && !found; i++)
				found = whole.blocks[i].len == b->len && memcmp(whole.blocks[i].text, b->text, b->len) == 0;
			weak++;
			weak_bad += !found;
		}
		doc_free(&td);
	}
	tap_ok(tries > 50 && strong > tries / 2, "resync: most cuts find a heading (%zu of %zu)", strong, tries);
	tap_ok(same == strong, "resync: from a heading, the tail parses as the whole does (%zu of %zu)", same,
	       strong);
	tap_ok(weak_bad == 0, "resync: a paragraph to start at is one in the whole parse (%zu of %zu)",
	       weak - weak_bad, weak);
	doc_free(&whole);
	free(two);
	free(t);
}

/* The cross-reference whose text starts with PAGE ("314ページ"): its
 * span, or NULL; *B gets its block. */
static const struct span *
xref(const struct doc *d, const char *page, int *b)
{
	for (size_t i = 0; i < d->nblocks; i++)
		for (uint32_t k = 0; k < d->blocks[i].nspans; k++) {
			const struct span *sp = &d->blocks[i].spans[k];
			if (sp->kind == SPAN_XREF && strncmp(d->blocks[i].text + sp->start, page, strlen(page)) == 0) {
				*b = (int)i;
				return sp;
			}
		}
	return NULL;
}

/* Does reference PAGE lead to the column whose title holds WORDS? */
static void
xref_to_column(const struct doc *d, const char *page, const char *words)
{
	int b;
	const struct span *sp = xref(d, page, &b);
	const char *t = sp && sp->style == XREF_COLUMN && sp->ref >= 0 && (size_t)sp->ref < d->ncols
	                ? d->blocks[d->cols[sp->ref].head].text : "";
	tap_ok(strstr(t, words) != NULL, "%s leads to the column %s (got style %d: %.*s)", page, words,
	       sp ? sp->style : -1, (int)strcspn(t, "\n"), t);
}

/* A text with no blank line, longer than the part of a chunk looked at
 * at once (chunk.h): every line is kept, whatever the pieces. */
static void
test_long_chunk(void)
{
	struct buf t = {0};
	struct doc d;
	size_t total = 0, lines = 30000;
	for (size_t i = 0; i < lines; i++)
		buf_adds(&t, "テスト。\n");
	load(&d, t.p, t.len);
	for (size_t i = 0; i < d.nblocks; i++)
		total += d.blocks[i].len - d.blocks[i].body;
	tap_ok(total == lines * strlen("テスト。"), "%zu lines with no blank line (%zu KB): all their text is kept (%zu of %zu bytes)",
	       lines, t.len >> 10, total, lines * strlen("テスト。"));
	doc_free(&d);
	buf_free(&t);
}

static void
test_xrefs(void)
{
	int b;
	const struct span *sp;
	char *t;
	size_t n = 0;
	struct doc two;
	xref_to_column(&D, "314ページ", "ICAO");
	xref_to_column(&D, "318ページ", "ジャパン・プラットフォーム");
	xref_to_column(&D, "319ページ", "海外協力隊");
	/* two references in one parenthesis, each its own, neither here */
	sp = xref(&D, "353ページ", &b);
	tap_ok(sp && sp->style == XREF_OUTSIDE && strncmp(D.blocks[b].text + sp->end, "、", 3) == 0,
	       "353ページ「JPO経験者の声」 is not in the document, and ends at the 、");
	sp = xref(&D, "352ページ", &b);
	tap_ok(sp && sp->style == XREF_OUTSIDE && strncmp(D.blocks[b].text + sp->start, "352ページ 資料編参照",
	                                                  sp->end - sp->start) == 0,
	       "352ページ 資料編参照 is a reference of its own, not in the document");
	/* the same when the chapter is read a line at a time, and the pages
	 * follow the contents list, not the numbers written here */
	t = xstrndup((const char *)yomu_chapter, yomu_chapter_len);
	for (char *p = strstr(t, "\t312"); p; p = NULL)
		memcpy(p, "\t412", 4), n++;
	for (char *p = strstr(t, "\t324"); p; p = NULL)
		memcpy(p, "\t424", 4), n++;
	doc_init(&two);
	load(&two, t, strlen(t));
	sp = xref(&two, "314ページ", &b);
	tap_ok(n == 2 && sp && sp->style == XREF_OUTSIDE,
	       "with the section on pages 412-423, page 314 is not in the document");
	doc_free(&two);
	free(t);
}

int
main(void)
{
	load(&D, (const char *)yomu_chapter, yomu_chapter_len);
	test_structure();
	test_joins();
	test_footnotes();
	test_columns();
	test_figures();
	test_fixtures();
	test_pieces();
	test_resync();
	test_xrefs();
	test_long_chunk();
	doc_free(&D);
	return tap_done();
}
