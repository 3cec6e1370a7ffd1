// ChatML rendering (SmolLM2, Qwen2.5): `<|im_start|>role\ncontent<|im_end|>\n`
// per message, `<|im_start|>assistant\n` for the generation prompt. When the
// first message is not a system message, the model's default system turn is
// inserted (SmolLM2 and Qwen2.5 templates both do).

public struct ChatMessage: Sendable, Equatable, Codable {
    public var role: String
    public var content: String
    public init(role: String, content: String) { self.role = role; self.content = content }
}

public struct ChatTemplate: Sendable {
    public enum DefaultSystem: Sendable {
        case none, smolLM, qwen, custom(String)
        var text: String? {
            switch self {
            case .none: nil
            case .smolLM: "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
            case .qwen: "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
            case .custom(let s): s
            }
        }
    }
    public let defaultSystem: DefaultSystem
    /// The model's own Jinja template text, kept so it can be written out again (quantize).
    public var text: String? = nil

    public static func chatML(system: DefaultSystem) -> ChatTemplate { ChatTemplate(defaultSystem: system) }

    /// Picks the template for a GGUF (tokenizer.chat_template).
    public static func forModel(_ gguf: GGUFFile) -> ChatTemplate { forTemplate(gguf["tokenizer.chat_template"]?.string) }

    /// ChatML, with the default system text the Jinja template names (SmolLM / Qwen) or none.
    public static func forTemplate(_ jinja: String?) -> ChatTemplate {
        let j = jinja ?? ""
        let system: DefaultSystem = j.contains("named SmolLM") ? .smolLM : j.contains("You are Qwen") ? .qwen : .none
        return ChatTemplate(defaultSystem: system, text: jinja)
    }

    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool) -> String {
        var s = ""
        if messages.first?.role != "system", let sys = defaultSystem.text {
            s += "<|im_start|>system\n\(sys)<|im_end|>\n"
        }
        for m in messages { s += "<|im_start|>\(m.role)\n\(m.content)<|im_end|>\n" }
        if addGenerationPrompt { s += "<|im_start|>assistant\n" }
        return s
    }
}
