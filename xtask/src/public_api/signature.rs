//! Rust syntax for rustdoc's types, bounds and generics, each path written as users reach it.

use rustdoc_types::{
    Abi, AssocItemConstraint, AssocItemConstraintKind, DynTrait, FunctionHeader, FunctionPointer,
    FunctionSignature, GenericArg, GenericArgs, GenericBound, GenericParamDef, GenericParamDefKind,
    Generics, Path, PolyTrait, PreciseCapturingArg, Term, TraitBoundModifier, Type, WherePredicate,
};

use super::crates::{CrateSet, ItemRef, Resolved};

/// The std items the prelude names, written by their short name (not `Result`, which would
/// read as the SDK's own `nexevo::Result`).
const PRELUDE: &[(&str, &str)] = &[
    ("core::option::Option", "Option"),
    ("alloc::string::String", "String"),
    ("alloc::vec::Vec", "Vec"),
    ("alloc::boxed::Box", "Box"),
];

/// A path that a signature mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mention {
    /// An item users can name.
    Public(ItemRef),
    /// An item of the documented crates that no public path reaches.
    Private(ItemRef),
}

/// Writes types and signatures of one crate's JSON.
pub struct Printer<'a> {
    set: &'a CrateSet,
    /// The public path of an item, if it has one.
    public_path: &'a dyn Fn(ItemRef) -> Option<String>,
    krate: usize,
    /// The documented crates' items the printed text mentions, in order.
    pub mentions: Vec<Mention>,
}

impl<'a> Printer<'a> {
    /// A printer for ids of the crate at `krate`.
    pub fn new(
        set: &'a CrateSet,
        public_path: &'a dyn Fn(ItemRef) -> Option<String>,
        krate: usize,
    ) -> Self {
        Self {
            set,
            public_path,
            krate,
            mentions: Vec::new(),
        }
    }

    /// The path of a resolved type or trait, with its generic arguments.
    pub fn path(&mut self, path: &Path) -> String {
        let mut out = self.name_of(path);
        if let Some(args) = &path.args {
            out.push_str(&self.generic_args(args));
        }
        out
    }

    fn name_of(&mut self, path: &Path) -> String {
        match self.set.resolve(self.krate, path.id) {
            Resolved::Item(item) => match (self.public_path)(item) {
                Some(public) => {
                    self.mentions.push(Mention::Public(item));
                    public
                }
                None => {
                    self.mentions.push(Mention::Private(item));
                    self.set.defining_path(item).join("::")
                }
            },
            Resolved::Elsewhere { path: defined, .. } => {
                let joined = defined.join("::");
                PRELUDE
                    .iter()
                    .find(|(full, _)| *full == joined)
                    .map(|(_, short)| (*short).to_owned())
                    .unwrap_or(joined)
            }
            Resolved::Unknown => path.path.clone(),
        }
    }

    /// A type.
    pub fn ty(&mut self, ty: &Type) -> String {
        match ty {
            Type::ResolvedPath(path) => self.path(path),
            Type::DynTrait(dyn_trait) => format!("dyn {}", self.dyn_trait(dyn_trait)),
            Type::Generic(name) | Type::Primitive(name) => name.clone(),
            Type::FunctionPointer(pointer) => self.function_pointer(pointer),
            Type::Tuple(types) => match types.as_slice() {
                [one] => format!("({},)", self.ty(one)),
                _ => format!("({})", self.list(types, Self::ty)),
            },
            Type::Slice(inner) => format!("[{}]", self.ty(inner)),
            Type::Array { type_, len } => format!("[{}; {len}]", self.ty(type_)),
            Type::Pat { type_, .. } => self.ty(type_),
            Type::ImplTrait(bounds) => format!("impl {}", self.bounds(bounds)),
            Type::Infer => "_".to_owned(),
            Type::RawPointer { is_mutable, type_ } => {
                let kind = if *is_mutable { "mut" } else { "const" };
                format!("*{kind} {}", self.ty(type_))
            }
            Type::BorrowedRef {
                lifetime,
                is_mutable,
                type_,
            } => format!(
                "&{}{}",
                self.lifetime_and_mut(lifetime, *is_mutable),
                self.ty(type_)
            ),
            Type::QualifiedPath {
                name,
                args,
                self_type,
                trait_,
            } => {
                let self_type = self.ty(self_type);
                let mut out = match trait_ {
                    Some(trait_) if !trait_.path.is_empty() => {
                        format!("<{self_type} as {}>::{name}", self.path(trait_))
                    }
                    _ => format!("{self_type}::{name}"),
                };
                if let Some(args) = args {
                    out.push_str(&self.generic_args(args));
                }
                out
            }
        }
    }

    fn lifetime_and_mut(&self, lifetime: &Option<String>, is_mutable: bool) -> String {
        let mut out = String::new();
        if let Some(lifetime) = lifetime {
            out.push_str(lifetime);
            out.push(' ');
        }
        if is_mutable {
            out.push_str("mut ");
        }
        out
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T) -> String) -> String {
        let parts: Vec<String> = items.iter().map(|item| each(self, item)).collect();
        parts.join(", ")
    }

    fn dyn_trait(&mut self, dyn_trait: &DynTrait) -> String {
        let mut parts: Vec<String> = dyn_trait
            .traits
            .iter()
            .map(|poly| self.poly_trait(poly))
            .collect();
        if let Some(lifetime) = &dyn_trait.lifetime {
            parts.push(lifetime.clone());
        }
        parts.join(" + ")
    }

    fn poly_trait(&mut self, poly: &PolyTrait) -> String {
        format!(
            "{}{}",
            self.higher_ranked(&poly.generic_params),
            self.path(&poly.trait_)
        )
    }

    fn higher_ranked(&mut self, params: &[GenericParamDef]) -> String {
        if params.is_empty() {
            String::new()
        } else {
            format!("for<{}> ", self.list(params, Self::generic_param))
        }
    }

    fn function_pointer(&mut self, pointer: &FunctionPointer) -> String {
        format!(
            "{}{}fn({}){}",
            self.higher_ranked(&pointer.generic_params),
            header(&pointer.header),
            self.list(&pointer.sig.inputs, |printer, (_, ty)| printer.ty(ty)),
            self.output(&pointer.sig)
        )
    }

    fn output(&mut self, sig: &FunctionSignature) -> String {
        match &sig.output {
            Some(output) => format!(" -> {}", self.ty(output)),
            None => String::new(),
        }
    }

    /// Generic arguments: `<A, B, Item = C>` or `(A) -> B`.
    pub fn generic_args(&mut self, args: &GenericArgs) -> String {
        match args {
            GenericArgs::AngleBracketed { args, constraints } => {
                if args.is_empty() && constraints.is_empty() {
                    return String::new();
                }
                let mut parts: Vec<String> = args.iter().map(|arg| self.generic_arg(arg)).collect();
                parts.extend(constraints.iter().map(|c| self.constraint(c)));
                format!("<{}>", parts.join(", "))
            }
            GenericArgs::Parenthesized { inputs, output } => {
                let mut out = format!("({})", self.list(inputs, Self::ty));
                if let Some(output) = output {
                    out.push_str(&format!(" -> {}", self.ty(output)));
                }
                out
            }
            GenericArgs::ReturnTypeNotation => "(..)".to_owned(),
        }
    }

    fn generic_arg(&mut self, arg: &GenericArg) -> String {
        match arg {
            GenericArg::Lifetime(lifetime) => lifetime.clone(),
            GenericArg::Type(ty) => self.ty(ty),
            GenericArg::Const(constant) => constant.expr.clone(),
            GenericArg::Infer => "_".to_owned(),
        }
    }

    fn constraint(&mut self, constraint: &AssocItemConstraint) -> String {
        let mut out = constraint.name.clone();
        if let Some(args) = &constraint.args {
            out.push_str(&self.generic_args(args));
        }
        match &constraint.binding {
            AssocItemConstraintKind::Equality(term) => {
                out.push_str(" = ");
                out.push_str(&self.term(term));
            }
            AssocItemConstraintKind::Constraint(bounds) => {
                out.push_str(": ");
                out.push_str(&self.bounds(bounds));
            }
        }
        out
    }

    fn term(&mut self, term: &Term) -> String {
        match term {
            Term::Type(ty) => self.ty(ty),
            Term::Constant(constant) => constant.expr.clone(),
        }
    }

    /// Bounds joined by `+`.
    pub fn bounds(&mut self, bounds: &[GenericBound]) -> String {
        let parts: Vec<String> = bounds.iter().map(|bound| self.bound(bound)).collect();
        parts.join(" + ")
    }

    fn bound(&mut self, bound: &GenericBound) -> String {
        match bound {
            GenericBound::TraitBound {
                trait_,
                generic_params,
                modifier,
            } => {
                let modifier = match modifier {
                    TraitBoundModifier::None => "",
                    TraitBoundModifier::Maybe => "?",
                    TraitBoundModifier::MaybeConst => "~const ",
                };
                format!(
                    "{}{modifier}{}",
                    self.higher_ranked(generic_params),
                    self.path(trait_)
                )
            }
            GenericBound::Outlives(lifetime) => lifetime.clone(),
            GenericBound::Use(args) => {
                let args: Vec<&str> =
                    args.iter()
                        .map(|arg| match arg {
                            PreciseCapturingArg::Lifetime(name)
                            | PreciseCapturingArg::Param(name) => name.as_str(),
                        })
                        .collect();
                format!("use<{}>", args.join(", "))
            }
        }
    }

    fn generic_param(&mut self, param: &GenericParamDef) -> String {
        match &param.kind {
            GenericParamDefKind::Lifetime { outlives } => {
                if outlives.is_empty() {
                    param.name.clone()
                } else {
                    format!("{}: {}", param.name, outlives.join(" + "))
                }
            }
            GenericParamDefKind::Type {
                bounds, default, ..
            } => {
                let mut out = param.name.clone();
                if !bounds.is_empty() {
                    out.push_str(": ");
                    out.push_str(&self.bounds(bounds));
                }
                if let Some(default) = default {
                    out.push_str(" = ");
                    out.push_str(&self.ty(default));
                }
                out
            }
            GenericParamDefKind::Const { type_, default } => {
                let mut out = format!("const {}: {}", param.name, self.ty(type_));
                if let Some(default) = default {
                    out.push_str(" = ");
                    out.push_str(default);
                }
                out
            }
        }
    }

    /// Generic parameters (`<'a, T: Bound>`), without those rustdoc made for `impl Trait`
    /// arguments.
    pub fn generic_params(&mut self, generics: &Generics) -> String {
        let params: Vec<&GenericParamDef> = generics
            .params
            .iter()
            .filter(|param| {
                !matches!(
                    param.kind,
                    GenericParamDefKind::Type {
                        is_synthetic: true,
                        ..
                    }
                )
            })
            .collect();
        if params.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = params
            .into_iter()
            .map(|param| self.generic_param(param))
            .collect();
        format!("<{}>", parts.join(", "))
    }

    /// A where clause (` where T: Bound`), or nothing.
    pub fn where_clause(&mut self, generics: &Generics) -> String {
        if generics.where_predicates.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = generics
            .where_predicates
            .iter()
            .map(|predicate| match predicate {
                WherePredicate::BoundPredicate {
                    type_,
                    bounds,
                    generic_params,
                } => format!(
                    "{}{}: {}",
                    self.higher_ranked(generic_params),
                    self.ty(type_),
                    self.bounds(bounds)
                ),
                WherePredicate::LifetimePredicate { lifetime, outlives } => {
                    format!("{lifetime}: {}", outlives.join(" + "))
                }
                WherePredicate::EqPredicate { lhs, rhs } => {
                    format!("{} = {}", self.ty(lhs), self.term(rhs))
                }
            })
            .collect();
        format!(" where {}", parts.join(", "))
    }

    /// A function's arguments and return type: `(&self, name: T) -> R`.
    pub fn signature(&mut self, sig: &FunctionSignature) -> String {
        let mut args: Vec<String> = sig
            .inputs
            .iter()
            .map(|(name, ty)| self.argument(name, ty))
            .collect();
        if sig.is_c_variadic {
            args.push("...".to_owned());
        }
        format!("({}){}", args.join(", "), self.output(sig))
    }

    fn argument(&mut self, name: &str, ty: &Type) -> String {
        if name == "self" {
            match ty {
                Type::Generic(generic) if generic == "Self" => return "self".to_owned(),
                Type::BorrowedRef {
                    lifetime,
                    is_mutable,
                    type_,
                } if matches!(type_.as_ref(), Type::Generic(generic) if generic == "Self") => {
                    return format!("&{}self", self.lifetime_and_mut(lifetime, *is_mutable));
                }
                _ => {}
            }
        }
        format!("{name}: {}", self.ty(ty))
    }
}

/// `const async unsafe extern "C" `, as far as they apply.
pub fn header(header: &FunctionHeader) -> String {
    let mut out = String::new();
    if header.is_const {
        out.push_str("const ");
    }
    if header.is_async {
        out.push_str("async ");
    }
    if header.is_unsafe {
        out.push_str("unsafe ");
    }
    let abi = match &header.abi {
        Abi::Rust => None,
        Abi::C { .. } => Some("C"),
        Abi::Cdecl { .. } => Some("cdecl"),
        Abi::Stdcall { .. } => Some("stdcall"),
        Abi::Fastcall { .. } => Some("fastcall"),
        Abi::Aapcs { .. } => Some("aapcs"),
        Abi::Win64 { .. } => Some("win64"),
        Abi::SysV64 { .. } => Some("sysv64"),
        Abi::System { .. } => Some("system"),
        Abi::Other(other) => Some(other.as_str()),
    };
    if let Some(abi) = abi {
        out.push_str(&format!("extern \"{abi}\" "));
    }
    out
}
