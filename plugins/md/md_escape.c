/* md_escape.c — profile text as Markdown inline content. The text must render back to itself
 * on GitHub (cmark-gfm) and Python-Markdown, so each special character gets the escape both
 * understand: a backslash for the ASCII punctuation both treat as escapable, a numeric
 * character reference otherwise. Ordinary text (Chinese, letters, digits, most punctuation)
 * is written as is so the file stays readable.
 *
 * GitHub also links bare URLs and www. names (the autolink extension), and it scans the
 * Markdown source for them, escapes and references included: text such as
 * "http://a.org)、\[x\]" would render with its backslashes inside the link. So the
 * characters that start such a link (':' before "//", the first 'w' of "www.") are written as
 * character references: the text renders as itself, not as a link. (E-mail addresses are
 * linked after unescaping, so they render as themselves.) Links the brief means to make (a
 * source's URL) are written as explicit <…> autolinks instead. */
#include "md.h"

#include <string.h>

/* Backslash-escaped wherever they occur: emphasis, code, links, headings, table cells. */
static const char always_backslash[] = "\\`*_[]#|";

/* True when s starts an entity reference (&name; or &#…;), so a literal '&' must be escaped. */
static bool looks_like_entity(const char *s)
{
    size_t i = 1;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (s[i] >= '0' && s[i] <= '9') || s[i] == '#')
        i++;
    return i > 1 && s[i] == ';';
}

/* At the start of a block: what would open a list, quote, heading or code block. Returns the
 * number of bytes handled. */
static size_t block_start(dossier_out *o, const char *s)
{
    if (s[0] == ' ') {
        dossier_out_puts(o, "&#32;"); /* four spaces would make a code block */
        return 1;
    }
    if (s[0] == '-' || s[0] == '+' || s[0] == '>') {
        dossier_out_printf(o, "\\%c", s[0]);
        return 1;
    }
    size_t digits = strspn(s, "0123456789");
    if (digits > 0 && (s[digits] == '.' || s[digits] == ')')) {
        dossier_out_printf(o, "%.*s\\%c", (int)digits, s, s[digits]); /* "1." opens an ordered list */
        return digits + 1;
    }
    return 0;
}

void md_text(dossier_out *o, const char *s, unsigned flags)
{
    if (flags & MD_LINE_START)
        s += block_start(o, s);
    while (*s) {
        size_t run = strcspn(s, "\\`*_[]#|<>&~$:w");
        if (run > 0) {
            dossier_out_write(o, s, run);
            s += run;
            continue;
        }
        char c = *s++;
        if (strchr(always_backslash, c))
            dossier_out_printf(o, "\\%c", c);
        else if (c == '<')
            dossier_out_puts(o, "&lt;"); /* raw HTML, autolinks */
        else if (c == '>')
            dossier_out_puts(o, "&gt;");
        else if (c == '&')
            dossier_out_puts(o, looks_like_entity(s - 1) ? "&amp;" : "&");
        else if (c == ':')
            dossier_out_puts(o, strncmp(s, "//", 2) == 0 ? "&#58;" : ":"); /* http:// */
        else if (c == 'w')
            dossier_out_puts(o, strncmp(s, "ww.", 3) == 0 ? "&#119;" : "w"); /* www. */
        else if (c == '~')
            dossier_out_puts(o, "&#126;"); /* GFM strikethrough; Python-Markdown has no \~ */
        else
            dossier_out_puts(o, "&#36;"); /* '$': GitHub math */
    }
}
