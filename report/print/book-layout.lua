-- book-layout.lua: what the book shows in which format (report/_quarto.yml, filters).
--
-- A book is one Typst document built from every page, and the same pages make the HTML
-- site. This filter, run after Quarto's own filters, decides three things:
--
--  * Pages listed under `html-only-pages` in the metadata (the chart gallery, the API
--    reference) are left out of the PDF: everything from the marker Quarto writes at the
--    start of such a page up to the next page's marker is dropped. They stay in the site.
--  * A figure's computed description (smartresearch.plots.describe: a collapsed
--    <details class="figure-description"> block) is HTML only. Typst drops the raw tags and
--    printed the sentence as a stray paragraph after every figure; the PDF carries the same
--    text as the image's alt text.
--  * In the HTML, the cell that shows a description loses its one-line code
--    (`srp.describe(ax)`): it added a third "Code" toggle between every two figures.

local html_only = {}

local function file_marker(el)
  if el.t ~= "RawBlock" or el.format ~= "html" then
    return nil
  end
  local encoded = el.text:match("^<!%-%- quarto%-file%-metadata: ([^ ]+) %-%->$")
  if not encoded then
    return nil
  end
  return quarto.json.decode(quarto.base64.decode(encoded))
end

local function is_description_start(el)
  return el.t == "RawBlock" and el.format == "html"
    and el.text:match('^<details class="figure%-description">') ~= nil
end

local function is_details_end(el)
  return el.t == "RawBlock" and el.format == "html" and el.text:match("</details>%s*$") ~= nil
end

local function without_descriptions(blocks)
  local out, skipping = pandoc.Blocks({}), false
  for _, el in ipairs(blocks) do
    if skipping then
      skipping = not is_details_end(el)
    elseif is_description_start(el) then
      skipping = not is_details_end(el)
    else
      out:insert(el)
    end
  end
  return out
end

local function contains_description(div)
  local found = false
  div:walk({ RawBlock = function(el)
    if is_description_start(el) then found = true end
  end })
  return found
end

local function without_html_only_pages(doc)
  local out, skipping = pandoc.Blocks({}), false
  for _, el in ipairs(doc.blocks) do
    local meta = file_marker(el)
    if meta and meta.bookItemFile then
      skipping = html_only[meta.bookItemFile] == true
    end
    if not skipping then
      out:insert(el)
    end
  end
  doc.blocks = out
  return doc
end

return {
  {
    Meta = function(meta)
      for _, page in ipairs(meta["html-only-pages"] or {}) do
        html_only[pandoc.utils.stringify(page)] = true
      end
    end,
  },
  {
    Pandoc = function(doc)
      if quarto.doc.is_format("typst") then
        doc = without_html_only_pages(doc)
        doc.blocks = without_descriptions(doc.blocks)
        return doc:walk({ Blocks = without_descriptions })
      end
      if quarto.doc.is_format("html") then
        return doc:walk({ Div = function(div)
          if div.classes:includes("cell") and contains_description(div) then
            -- keep the outputs only: the code block and code-fold's <details> around it go
            div.content = div.content:filter(function(el)
              return el.t == "Div" and el.classes:find_if(function(c)
                return c:match("^cell%-output") ~= nil
              end) ~= nil
            end)
            return div
          end
        end })
      end
    end,
  },
}
