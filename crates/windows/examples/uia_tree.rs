//! Reads a window's accessibility tree the way a Windows screen reader does, and prints it:
//! UI Automation's client object (`IUIAutomation::ElementFromHandle`, then the raw view's
//! children), UI Automation's core API (`UiaNodeFromHandle`, `UiaNavigate`) and MSAA
//! (`AccessibleObjectFromWindow` with `IAccessible`). Used to check the app's AccessKit adapter
//! under wine (docs/accessibility.md); on a real PC NVDA or Narrator is the check that counts.
//!
//!   uia_tree.exe [TITLE]   the first top-level window whose title contains TITLE (default
//!                          "Qoltanba"), waiting up to 60 s for it
//!
//! Exits 0 when UI Automation (either way) gave the window a named child, 1 otherwise;
//! every failed call is printed with its HRESULT.
#![allow(unsafe_code)]

#[cfg(not(windows))]
fn main() {
    eprintln!(
        "uia_tree: a Windows program (build it with scripts/build-windows --example uia_tree)"
    );
    std::process::exit(2);
}

#[cfg(windows)]
fn main() {
    let wanted = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Qoltanba".to_owned());
    std::process::exit(windows_tree::run(&wanted));
}

#[cfg(windows)]
mod windows_tree {
    use windows::Win32::Foundation::{HWND, LPARAM};
    use windows::Win32::System::Com::SAFEARRAY;
    use windows::Win32::System::Com::{
        CLSCTX_INPROC_SERVER, COINIT_MULTITHREADED, CoCreateInstance, CoInitializeEx,
    };
    use windows::Win32::System::Ole::{SafeArrayDestroy, SafeArrayGetElement};
    use windows::Win32::System::Variant::{VARIANT, VT_BSTR, VT_I4};
    use windows::Win32::UI::Accessibility::{
        AccessibleObjectFromWindow, AutomationElementMode_Full, CUIAutomation, ConditionType_True,
        HUIANODE, IAccessible, IUIAutomation, IUIAutomationElement, IUIAutomationTreeWalker,
        NavigateDirection, NavigateDirection_FirstChild, NavigateDirection_NextSibling,
        TreeScope_Element, UIA_ControlTypePropertyId, UIA_NamePropertyId, UiaCacheRequest,
        UiaCondition, UiaGetPropertyValue, UiaHUiaNodeFromVariant, UiaNavigate, UiaNodeFromHandle,
        UiaNodeRelease,
    };
    use windows::Win32::UI::WindowsAndMessaging::{EnumWindows, GetWindowTextW, OBJID_CLIENT};
    use windows::core::{BOOL, BSTR, Interface};

    struct Search {
        wanted: String,
        found: Option<(HWND, String)>,
    }

    unsafe extern "system" fn visit(hwnd: HWND, lparam: LPARAM) -> BOOL {
        // SAFETY: `lparam` is the `Search` that `find` passes and outlives the enumeration.
        let search = unsafe { &mut *(lparam.0 as *mut Search) };
        let mut title = [0u16; 512];
        // SAFETY: the buffer is valid for its length.
        let length = unsafe { GetWindowTextW(hwnd, &mut title) };
        let title = String::from_utf16_lossy(&title[..length.max(0) as usize]);
        if title.contains(&search.wanted) {
            search.found = Some((hwnd, title));
            return BOOL(0);
        }
        BOOL(1)
    }

    fn find(wanted: &str) -> Option<(HWND, String)> {
        let mut search = Search {
            wanted: wanted.to_owned(),
            found: None,
        };
        for _ in 0..120 {
            // SAFETY: `visit` reads `search` only during the call.
            let _ =
                unsafe { EnumWindows(Some(visit), LPARAM(&mut search as *mut Search as isize)) };
            if search.found.is_some() {
                return search.found;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
        None
    }

    pub fn run(wanted: &str) -> i32 {
        let Some((hwnd, title)) = find(wanted) else {
            println!("no top-level window whose title contains {wanted:?}");
            return 1;
        };
        println!("window {:?}: {title:?}", hwnd.0);
        // SAFETY: COM is initialised once for this thread.
        let init = unsafe { CoInitializeEx(None, COINIT_MULTITHREADED) };
        println!("CoInitializeEx: {init:?}");
        let named = uia(hwnd) + core_api(hwnd);
        msaa(hwnd);
        if named > 0 {
            println!("UI Automation: {named} named descendants");
            0
        } else {
            println!("UI Automation: no named descendants");
            1
        }
    }

    /// Walks the raw view under the window's element; returns how many elements had a name.
    fn uia(hwnd: HWND) -> usize {
        // SAFETY: plain COM calls on interfaces this function holds.
        unsafe {
            let automation: IUIAutomation =
                match CoCreateInstance(&CUIAutomation, None, CLSCTX_INPROC_SERVER) {
                    Ok(automation) => automation,
                    Err(error) => {
                        println!("UIA: CoCreateInstance(CUIAutomation) failed: {error}");
                        return 0;
                    }
                };
            let root = match automation.ElementFromHandle(hwnd) {
                Ok(root) => root,
                Err(error) => {
                    println!("UIA: ElementFromHandle failed: {error}");
                    return 0;
                }
            };
            describe("UIA root", &root, 0);
            let walker = match automation.RawViewWalker() {
                Ok(walker) => walker,
                Err(error) => {
                    println!("UIA: RawViewWalker failed: {error}");
                    return 0;
                }
            };
            walk(&walker, &root, 1)
        }
    }

    fn walk(
        walker: &IUIAutomationTreeWalker,
        parent: &IUIAutomationElement,
        depth: usize,
    ) -> usize {
        let mut named = 0;
        // SAFETY: COM calls on live interfaces.
        let mut child = match unsafe { walker.GetFirstChildElement(parent) } {
            Ok(child) => Some(child),
            Err(error) => {
                if depth == 1 {
                    println!("UIA: GetFirstChildElement of the root: {error}");
                }
                None
            }
        };
        while let Some(element) = child {
            if describe("UIA", &element, depth) {
                named += 1;
            }
            if depth < 8 {
                named += walk(walker, &element, depth + 1);
            }
            // SAFETY: as above.
            child = unsafe { walker.GetNextSiblingElement(&element) }.ok();
        }
        named
    }

    /// Prints one element; true when it has a name.
    fn describe(what: &str, element: &IUIAutomationElement, depth: usize) -> bool {
        // SAFETY: property reads on a live element.
        let (name, kind, enabled) = unsafe {
            (
                element.CurrentName(),
                element.CurrentControlType(),
                element.CurrentIsEnabled(),
            )
        };
        let indent = "  ".repeat(depth);
        let shown_name = match &name {
            Ok(name) => format!("{:?}", name.to_string()),
            Err(error) => format!("(name: {error})"),
        };
        let kind = kind.map_or_else(
            |error| format!("(type: {error})"),
            |kind| kind.0.to_string(),
        );
        let enabled = enabled.map_or_else(
            |error| format!("(enabled: {error})"),
            |on| on.as_bool().to_string(),
        );
        println!("{what}: {indent}{shown_name} control type {kind} enabled {enabled}");
        name.is_ok_and(|name| !name.is_empty())
    }

    /// The UI Automation core API (`UiaNodeFromHandle`, `UiaNavigate`): what the client COM
    /// object is built on, and what wine implements when `CUIAutomation` is not registered.
    /// Returns how many named children of the window's node were read.
    fn core_api(hwnd: HWND) -> usize {
        let mut node = HUIANODE::default();
        // SAFETY: `node` is written on success and released below.
        if let Err(error) = unsafe { UiaNodeFromHandle(hwnd, &mut node) } {
            println!("UIA core: UiaNodeFromHandle failed: {error}");
            return 0;
        }
        println!("UIA core: root {}", node_text(node));
        let mut named = 0;
        let mut direction = NavigateDirection_FirstChild;
        let mut current = node;
        for _ in 0..200 {
            let Some(next) = navigate(current, direction) else {
                break;
            };
            let text = node_text(next);
            println!("UIA core:   {text}");
            if !text.starts_with("\"\"") {
                named += 1;
            }
            if current != node {
                // SAFETY: a node this function got from UiaNavigate, released once.
                let _ = unsafe { UiaNodeRelease(current) };
            }
            current = next;
            direction = NavigateDirection_NextSibling;
        }
        // SAFETY: released once each.
        unsafe {
            if current != node {
                let _ = UiaNodeRelease(current);
            }
            let _ = UiaNodeRelease(node);
        }
        named
    }

    fn node_text(node: HUIANODE) -> String {
        let mut name = VARIANT::default();
        let mut kind = VARIANT::default();
        // SAFETY: property reads into owned VARIANTs.
        let name = match unsafe { UiaGetPropertyValue(node, UIA_NamePropertyId.0, &mut name) } {
            Ok(()) => variant_text(&name),
            Err(error) => format!("(name: {error})"),
        };
        // SAFETY: as above.
        let kind =
            match unsafe { UiaGetPropertyValue(node, UIA_ControlTypePropertyId.0, &mut kind) } {
                Ok(()) => variant_text(&kind),
                Err(error) => format!("(type: {error})"),
            };
        format!("{name} control type {kind}")
    }

    /// A string VARIANT quoted, a 32-bit integer as is, anything else by its type.
    fn variant_text(value: &VARIANT) -> String {
        // SAFETY: the union is read as the member its type tag names.
        unsafe {
            let inner = &value.Anonymous.Anonymous;
            match inner.vt {
                VT_BSTR => format!("{:?}", inner.Anonymous.bstrVal.to_string()),
                VT_I4 => inner.Anonymous.lVal.to_string(),
                other => format!("(VARIANT type {})", other.0),
            }
        }
    }

    /// The node in `direction` from `node`, through `UiaNavigate` with a cache request for the
    /// element alone.
    fn navigate(node: HUIANODE, direction: NavigateDirection) -> Option<HUIANODE> {
        let mut condition = UiaCondition {
            ConditionType: ConditionType_True,
        };
        let mut request = UiaCacheRequest {
            pViewCondition: &mut condition,
            Scope: TreeScope_Element,
            pProperties: std::ptr::null_mut(),
            cProperties: 0,
            pPatterns: std::ptr::null_mut(),
            cPatterns: 0,
            automationElementMode: AutomationElementMode_Full,
        };
        let mut data: *mut SAFEARRAY = std::ptr::null_mut();
        let mut tree = BSTR::new();
        // SAFETY: every pointer is to a local that outlives the call.
        let result = unsafe {
            UiaNavigate(
                node,
                direction,
                &mut condition,
                &mut request,
                &mut data,
                &mut tree,
            )
        };
        if let Err(error) = result {
            println!("UIA core: UiaNavigate({}) failed: {error}", direction.0);
            return None;
        }
        if data.is_null() {
            return None;
        }
        // The array's first element is the node found.
        let mut element = VARIANT::default();
        let indices = [0i32, 0i32];
        let mut found = HUIANODE::default();
        // SAFETY: a 2-D array from UiaNavigate; [0, 0] is the node; the array is ours to free.
        unsafe {
            let got = SafeArrayGetElement(
                data,
                indices.as_ptr(),
                (&mut element as *mut VARIANT).cast(),
            );
            let _ = SafeArrayDestroy(data);
            if let Err(error) = got {
                println!("UIA core: SafeArrayGetElement failed: {error}");
                return None;
            }
            if let Err(error) = UiaHUiaNodeFromVariant(&mut element, &mut found) {
                println!("UIA core: UiaHUiaNodeFromVariant failed: {error}");
                return None;
            }
        }
        Some(found)
    }

    fn msaa(hwnd: HWND) {
        let mut object = std::ptr::null_mut();
        // SAFETY: asks for IAccessible into `object`, owned below.
        let result = unsafe {
            AccessibleObjectFromWindow(hwnd, OBJID_CLIENT.0 as u32, &IAccessible::IID, &mut object)
        };
        if let Err(error) = result {
            println!("MSAA: AccessibleObjectFromWindow failed: {error}");
            return;
        }
        // SAFETY: the call succeeded, so `object` is an IAccessible with a reference for us.
        let accessible = unsafe { IAccessible::from_raw(object) };
        let myself = VARIANT::from(0i32);
        // SAFETY: property reads on a live object.
        unsafe {
            match accessible.get_accName(&myself) {
                Ok(name) => println!("MSAA: name {:?}", name.to_string()),
                Err(error) => println!("MSAA: accName failed: {error}"),
            }
            match accessible.accChildCount() {
                Ok(count) => println!("MSAA: {count} children"),
                Err(error) => println!("MSAA: accChildCount failed: {error}"),
            }
            for child in 1..=accessible.accChildCount().unwrap_or(0).min(50) {
                match accessible.get_accName(&VARIANT::from(child)) {
                    Ok(name) => println!("MSAA:   child {child}: {:?}", name.to_string()),
                    Err(error) => println!("MSAA:   child {child}: accName failed: {error}"),
                }
            }
        }
    }
}
