import Checker
import Language

/// More documents for the corpus, written as tutorials, lecture notes and
/// Q&A answers write them. Every expected verdict was computed with SymPy
/// 1.14 (`same(a, c)` is `simplify(a - c) == 0`; s(t) = 1/(1 + exp(-t))):
///
/// ```python
/// yh = s(z); L = -(y*log(yh) + (1-y)*log(1-yh))
/// same(diff(L, z), yh - y)        # True      same(diff(L, z), y - yh)   # False
/// p1 = exp(z1)/(exp(z1)+exp(z2)); p2 = exp(z2)/(exp(z1)+exp(z2))
/// same(diff(p1, z1), p1*(1-p1))   # True      same(diff(p1, z2), -p1*p2) # True
/// same(diff(p1, z2), p1*p2)       # False
/// a1 = s(w1*h); a2 = s(w2*h); L = ((a1-y1)**2 + (a2-y2)**2)/2
/// same(diff(L, h), (a1-y1)*a1*(1-a1)*w1)                                 # False
/// same(diff(L, h), (a1-y1)*a1*(1-a1)*w1 + (a2-y2)*a2*(1-a2)*w2)          # True
/// hh = tanh(w*x+b)
/// same(diff(hh, w), (1-hh**2)*x)  # True      same(diff(hh, b), (1-hh)**2) # False
/// same(diff(log(s(z)), z), 1-s(z))   # True   same(diff(log(1-s(z)), z), -s(z))  # True
/// same(diff(log(1-s(z)), z), s(z))   # False
/// Lw = (w*x-y)**2/2; g = diff(Lw, w)
/// g.subs({w: 3/10, x: 2, y: 1})   # -4/5;  3/10 - g/10 = 19/50;  g at w = 38/100: -12/25
/// same(diff(Lw, w, 2), x**2)      # True      same(diff(Lw, w, x), 2*w*x - y)  # True
/// same(diff(Lw, w, x), w*x - y)   # False
/// J = (w*x-y)**2/2 + lam/2*w**2
/// same(diff(J, w), (w*x-y)*x + lam*w)                  # True
/// same(w - eta*diff(J, w), w - eta*(w*x-y)*x)          # False
/// same(diff(log(1+exp(z)), z), s(z))    # True    same(..., 1/(1+exp(z)))  # False
/// same(diff(sqrt(x**2+1), x), x/sqrt(x**2+1))           # True
/// hh = s(W1*x); yh = W2*hh; L = (yh-y)**2/2
/// same(diff(L, W1), (yh-y)*W2*hh*(1-hh)*x)  # True     with W1 for W2: False
/// same(diff(L, W2), (yh-y)*hh)              # True
/// ```
extension DocumentCorpusTests {
    static let tutorials: [Document] = [
        Document(name: "cross-entropy on a sigmoid, with a sign slip", format: .markdown, text: """
            ### Logistic regression

            The prediction is $\\hat{y} = \\sigma(z)$ and the loss is the binary cross-entropy
            $$\\mathcal{L} = -\\left[ y \\log \\hat{y} + (1 - y) \\log(1 - \\hat{y}) \\right].$$
            The famous simplification:
            $$\\frac{\\partial \\mathcal{L}}{\\partial z} = \\hat{y} - y$$
            (some notes write $\\frac{\\partial \\mathcal{L}}{\\partial z} = y - \\hat{y}$, which has the wrong sign).
            """, verdicts: [
                ("\\frac{\\partial \\mathcal{L}}{\\partial z} = \\hat{y} - y", .proved),
                ("\\frac{\\partial \\mathcal{L}}{\\partial z} = y - \\hat{y}", .refuted),
            ]),
        Document(name: "two-class softmax, a dropped minus sign", format: .markdown, text: """
            For two logits, $p_1 = \\frac{e^{z_1}}{e^{z_1} + e^{z_2}}$ and $p_2 = \\frac{e^{z_2}}{e^{z_1} + e^{z_2}}$.

            1. $\\frac{\\partial p_1}{\\partial z_1} = p_1 (1 - p_1)$
            2. $\\frac{\\partial p_1}{\\partial z_2} = -p_1 p_2$
            3. so, by symmetry, $\\frac{\\partial p_1}{\\partial z_2} = p_1 p_2$
            """, verdicts: [
                ("\\frac{\\partial p_1}{\\partial z_1} = p_1 (1 - p_1)", .proved),
                ("\\frac{\\partial p_1}{\\partial z_2} = -p_1 p_2", .proved),
                ("\\frac{\\partial p_1}{\\partial z_2} = p_1 p_2", .refuted),
            ]),
        Document(name: "a dropped term of the sum over outputs", format: .markdown, text: """
            A hidden value $h$ feeds two outputs, $a_1 = \\sigma(w_1 h)$ and $a_2 = \\sigma(w_2 h)$, with
            $$L = \\frac{1}{2}\\left[(a_1 - y_1)^2 + (a_2 - y_2)^2\\right]$$
            Backpropagating to $h$:
            $$\\frac{\\partial L}{\\partial h} = (a_1 - y_1)\\, a_1 (1 - a_1)\\, w_1$$
            Correct version, summing over both outputs:
            $$\\frac{\\partial L}{\\partial h} = (a_1 - y_1)\\, a_1 (1 - a_1)\\, w_1 + (a_2 - y_2)\\, a_2 (1 - a_2)\\, w_2$$
            """, verdicts: [
                ("\\frac{\\partial L}{\\partial h} = (a_1 - y_1)\\, a_1 (1 - a_1)\\, w_1", .refuted),
                ("\\frac{\\partial L}{\\partial h} = (a_1 - y_1)\\, a_1 (1 - a_1)\\, w_1 + (a_2 - y_2)\\, a_2 (1 - a_2)\\, w_2", .proved),
            ]),
        Document(name: "lecture notes in LaTeX: a tanh unit, an align* chain and a squared slip", format: .latex, text: """
            \\section{A tanh unit}
            Let $h = \\tanh(wx + b)$. Then
            \\begin{align*}
            \\frac{\\partial h}{\\partial w} &= \\left(1 - \\tanh^2(wx + b)\\right) x \\\\
                                           &= (1 - h^2)\\, x
            \\end{align*}
            and similarly
            \\begin{equation}
            \\frac{\\partial h}{\\partial b} = (1 - h)^2 \\label{eq:db}
            \\end{equation}
            """, verdicts: [
                ("\\frac{\\partial h}{\\partial w} = \\left(1 - \\tanh^2(wx + b)\\right) x = (1 - h^2)\\, x", .proved),
                ("\\frac{\\partial h}{\\partial b} = (1 - h)^2", .refuted),
            ]),
        Document(name: "a Q&A answer on log-sigmoid", format: .markdown, text: """
            **Q:** Why is the derivative of $\\log \\sigma(z)$ so simple?

            **A:** Because $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$, dividing by $\\sigma(z)$ gives
            $$\\frac{d}{dz} \\log \\sigma(z) = 1 - \\sigma(z).$$
            Likewise $\\frac{d}{dz} \\log(1 - \\sigma(z)) = -\\sigma(z)$.
            (A comment below claims $\\frac{d}{dz} \\log(1 - \\sigma(z)) = \\sigma(z)$; that drops the chain rule's minus.)
            """, verdicts: [
                ("\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))", .proved),
                ("\\frac{d}{dz} \\log \\sigma(z) = 1 - \\sigma(z)", .proved),
                ("\\frac{d}{dz} \\log(1 - \\sigma(z)) = -\\sigma(z)", .proved),
                ("\\frac{d}{dz} \\log(1 - \\sigma(z)) = \\sigma(z)", .refuted),
            ]),
        Document(name: "a worked gradient step with updated parameters and a rounding slip", format: .markdown, text: """
            Fit $L = \\frac{1}{2}(wx - y)^2$ with $x = 2$, $y = 1$, starting from $w = 0.3$.

            $$\\frac{\\partial L}{\\partial w} = (0.6 - 1) \\times 2 = -0.8$$
            With a learning rate of 0.1 the new weight is
            $$w = 0.3 - 0.1 \\times (-0.8) = 0.38$$
            and the next gradient is
            $$\\frac{\\partial L}{\\partial w} = (0.76 - 1) \\times 2 = -0.46$$
            """, verdicts: [
                // (w x - y) x at w = 0.3 is -4/5
                ("\\frac{\\partial L}{\\partial w} = (0.6 - 1) \\times 2", .proved),
                ("(0.6 - 1) \\times 2 = -0.8", .proved),
                ("0.3 - 0.1 \\times (-0.8) = 0.38", .proved),                           // 19/50
                ("\\frac{\\partial L}{\\partial w} = (0.76 - 1) \\times 2", .proved),   // -12/25 at w = 0.38
                ("(0.76 - 1) \\times 2 = -0.46", .refuted),                              // -0.48, not -0.46 ± 0.005
                ("whole chain: \\frac{\\partial L}{\\partial w} = -0.46", .refuted),
            ]),
        Document(name: "second derivatives, one mixed partial wrong", format: .markdown, text: """
            For $L = \\frac{1}{2}(wx - y)^2$:
            - $\\frac{\\partial^2 L}{\\partial w^2} = x^2$
            - $\\frac{\\partial^2 L}{\\partial w \\partial x} = 2wx - y$
            - $\\frac{\\partial^2 L}{\\partial x \\partial w} = wx - y$
            """, verdicts: [
                ("\\frac{\\partial^2 L}{\\partial w^2} = x^2", .proved),
                ("\\frac{\\partial^2 L}{\\partial w \\partial x} = 2wx - y", .proved),
                ("\\frac{\\partial^2 L}{\\partial x \\partial w} = wx - y", .refuted),
            ]),
        Document(name: "weight decay in LaTeX: the update forgets the penalty", format: .latex, text: """
            \\begin{document}
            With weight decay the objective is
            \\begin{equation*}
            J = \\frac{1}{2}(wx - y)^2 + \\frac{\\lambda}{2} w^2 ,
            \\end{equation*}
            so $\\dfrac{\\partial J}{\\partial w} = (wx - y)x + \\lambda w$ and gradient descent with step $\\eta$ is
            \\[ w \\leftarrow w - \\eta\\left((wx - y)x + \\lambda w\\right) \\]
            Many implementations instead write \\( w \\leftarrow w - \\eta (wx - y) x \\).
            \\end{document}
            """, verdicts: [
                ("\\dfrac{\\partial J}{\\partial w} = (wx - y)x + \\lambda w", .proved),
                ("w \\leftarrow w - \\eta\\left((wx - y)x + \\lambda w\\right)", .proved),
                ("w \\leftarrow w - \\eta (wx - y) x", .refuted),
            ]),
        Document(name: "softplus and a square root, in a cheat sheet", format: .markdown, text: """
            | function | derivative |
            |---|---|
            | softplus | $\\frac{d}{dz}\\log(1 + e^{z}) = \\sigma(z)$ |
            | (typo in v1) | $\\frac{d}{dz}\\log(1 + e^{z}) = \\frac{1}{1 + e^{z}}$ |
            | root | $\\frac{d}{dx}\\sqrt{x^2 + 1} = \\frac{x}{\\sqrt{x^2 + 1}}$ |
            """, verdicts: [
                ("\\frac{d}{dz}\\log(1 + e^{z}) = \\sigma(z)", .proved),
                ("\\frac{d}{dz}\\log(1 + e^{z}) = \\frac{1}{1 + e^{z}}", .refuted),
                ("\\frac{d}{dx}\\sqrt{x^2 + 1} = \\frac{x}{\\sqrt{x^2 + 1}}", .proved),
            ]),
        Document(name: "a two-layer chain with layer superscripts and a wrong layer index", format: .markdown, text: """
            $$h = \\sigma(w^{(1)} x), \\qquad \\hat{y} = w^{(2)} h, \\qquad L = \\frac{1}{2}(\\hat{y} - y)^2$$
            The output error is $\\delta^{(2)} = \\hat{y} - y$, so
            $$\\frac{\\partial L}{\\partial w^{(2)}} = \\delta^{(2)} h$$
            $$\\frac{\\partial L}{\\partial w^{(1)}} = \\delta^{(2)} w^{(2)} h (1 - h) x$$
            $$\\frac{\\partial L}{\\partial w^{(1)}} = \\delta^{(2)} w^{(1)} h (1 - h) x$$
            """, verdicts: [
                ("\\frac{\\partial L}{\\partial w^{(2)}} = \\delta^{(2)} h", .proved),
                ("\\frac{\\partial L}{\\partial w^{(1)}} = \\delta^{(2)} w^{(2)} h (1 - h) x", .proved),
                ("\\frac{\\partial L}{\\partial w^{(1)}} = \\delta^{(2)} w^{(1)} h (1 - h) x", .refuted),
            ]),
    ]
}
