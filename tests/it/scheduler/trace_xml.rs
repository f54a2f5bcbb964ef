//! Just enough of an XML parser to read the trace's SVG back: elements,
//! quoted attributes, text, the five entities and numeric references. It
//! rejects what is not well-formed XML — a tag closed out of order, a bare
//! `&` or `<`, an unquoted attribute — so a chart that parses is one a
//! browser's XML parser accepts too. (No comments, CDATA, doctypes or
//! processing instructions: the chart has none.)

/// An element: its name, its attributes (unescaped), its children, and its
/// own text (unescaped, the pieces between its children joined).
#[derive(Debug)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<Element>,
    pub(super) text: String,
}

impl Element {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// A number-valued attribute.
    pub(super) fn number(&self, name: &str) -> f64 {
        let value = self
            .attr(name)
            .unwrap_or_else(|| panic!("no {name} on {self:?}"));
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number"))
    }

    /// This element and every element inside it, in document order.
    pub(super) fn descendants(&self) -> Vec<&Element> {
        let mut all = vec![self];
        for child in &self.children {
            all.extend(child.descendants());
        }
        all
    }

    /// The descendants whose `class` is `class`.
    pub(super) fn class(&self, class: &str) -> Vec<&Element> {
        self.descendants()
            .into_iter()
            .filter(|element| element.attr("class") == Some(class))
            .collect()
    }

    /// The first child named `name`.
    pub(super) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|child| child.name == name)
    }

    /// The text of its `<title>` child: its tooltip.
    pub(super) fn title(&self) -> &str {
        self.child("title").map_or("", |title| title.text.as_str())
    }
}

/// The document's root element, or what is wrong with it.
pub(super) fn parse(xml: &str) -> Result<Element, String> {
    let mut parser = Parser { rest: xml };
    let root = parser.element()?;
    match parser.rest.trim() {
        "" => Ok(root),
        rest => Err(format!("text after the root element: {rest:.20}")),
    }
}

struct Parser<'x> {
    rest: &'x str,
}

impl<'x> Parser<'x> {
    fn expect(&mut self, what: &str) -> Result<(), String> {
        match self.rest.strip_prefix(what) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(format!("expected {what:?} at {:.20?}", self.rest)),
        }
    }

    fn name(&mut self) -> Result<&'x str, String> {
        let end = self
            .rest
            .find(|c: char| !(c.is_alphanumeric() || "-_:.".contains(c)))
            .unwrap_or(self.rest.len());
        let (name, rest) = self.rest.split_at(end);
        if name.is_empty() {
            return Err(format!("expected a name at {:.20?}", self.rest));
        }
        self.rest = rest;
        Ok(name)
    }

    fn element(&mut self) -> Result<Element, String> {
        self.expect("<")?;
        let mut element = Element {
            name: self.name()?.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
            text: String::new(),
        };
        loop {
            let before = self.rest.len();
            self.rest = self.rest.trim_start();
            if self.rest.starts_with("/>") {
                self.rest = &self.rest[2..];
                return Ok(element);
            }
            if self.rest.starts_with('>') {
                self.rest = &self.rest[1..];
                break;
            }
            if self.rest.len() == before {
                return Err(format!(
                    "no space before an attribute of <{}>",
                    element.name
                ));
            }
            element.attrs.push(self.attribute()?);
        }
        self.content(&mut element)?;
        Ok(element)
    }

    fn attribute(&mut self) -> Result<(String, String), String> {
        let name = self.name()?.to_string();
        self.expect("=\"")?;
        let end = self.rest.find('"').ok_or("an attribute is not closed")?;
        let value = &self.rest[..end];
        if value.contains('<') {
            return Err(format!("a bare < in {name}={value:?}"));
        }
        self.rest = &self.rest[end + 1..];
        Ok((name, unescape(value)?))
    }

    /// Text and children up to the element's closing tag.
    fn content(&mut self, element: &mut Element) -> Result<(), String> {
        loop {
            let end = self
                .rest
                .find('<')
                .ok_or_else(|| format!("<{}> is not closed", element.name))?;
            element.text.push_str(&unescape(&self.rest[..end])?);
            self.rest = &self.rest[end..];
            if self.rest.starts_with("</") {
                self.rest = &self.rest[2..];
                let name = self.name()?;
                if name != element.name {
                    return Err(format!("<{}> closed by </{name}>", element.name));
                }
                return self.expect(">");
            }
            element.children.push(self.element()?);
        }
    }
}

/// Text with its entities replaced; a `&` that starts none is an error.
fn unescape(text: &str) -> Result<String, String> {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        plain.push_str(&rest[..at]);
        let end = rest[at..]
            .find(';')
            .ok_or_else(|| format!("a bare & in {text:?}"))?;
        let entity = &rest[at + 1..at + end];
        plain.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => entity
                .strip_prefix('#')
                .and_then(|number| number.parse().ok())
                .and_then(char::from_u32)
                .ok_or_else(|| format!("a bare & in {text:?}"))?,
        });
        rest = &rest[at + end + 1..];
    }
    plain.push_str(rest);
    Ok(plain)
}

#[test]
fn the_parser_reads_elements_attributes_and_entities() {
    let root = parse(r#"<a x="1 &amp; 2"><b/>one &lt;&#39;two&#39;&gt;<c>3</c></a>"#).unwrap();
    assert_eq!(root.attr("x"), Some("1 & 2"));
    assert_eq!(root.text, "one <'two'>");
    assert_eq!(root.children.len(), 2);
    assert_eq!(root.child("c").unwrap().text, "3");
}

#[test]
fn the_parser_rejects_what_is_not_well_formed() {
    for bad in [
        "<a>Tom & Jerry</a>",
        "<a><b></a></b>",
        "<a x=1/>",
        r#"<a x="<"/>"#,
        "<a>",
        "<a/><b/>",
    ] {
        assert!(parse(bad).is_err(), "{bad} was accepted");
    }
}
