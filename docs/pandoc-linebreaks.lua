-- pandoc filter: turn the <br> inside gapcli's table cells into real line breaks.
-- pandoc drops raw HTML when writing Word, so without it a cell's claims run together.
--   pandoc brief.md --lua-filter docs/pandoc-linebreaks.lua -o brief.docx
function RawInline(el)
  if el.format == "html" and el.text:match("^<br%s*/?>$") then
    return pandoc.LineBreak()
  end
end
